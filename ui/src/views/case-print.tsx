import { useEffect } from 'react';
import { api } from '../api';
import { useUser } from '../auth';
import { CaseFacts, shareRouteOf } from '../components/case-facts';
import { useCatalogueEntry } from '../components/catalogue-entry';
import { Loaded, useDepartments } from '../components/common';
import { legalBasisKindLabel } from '../components/legal-basis-fields';
import { citedByAnalogy } from '../citation-labels';
import { bilingual, formatEndInstant, formatInstant } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { basisLabels, decisionLabel, label, packLabels, processLabels, rungLabels, statusLabel } from '../labels';
import { Link, paths } from '../router';
import type { CaseDetail, Citation, Process, Task } from '../types';

/** The flows whose steps a case may run (as the task page finds a step's rule; views/task.tsx). */
function flowsOf(kase: CaseDetail): string[] {
  if (kase.process === 'quality-dispute') return kase.details?.route === 'direct' ? ['quality-dispute-direct'] : ['quality-dispute'];
  if (kase.process !== 'share-request') return [kase.process];
  return shareRouteOf(kase)?.kind === 'cross-level' ? ['cross-level-conditional-share', 'cross-level-unconditional-share'] : ['conditional-share', 'unconditional-share'];
}

/** Each step's period basis (law, the draft, local policy) from the rules preview of the case's text; an aid only. */
async function periodBases(kase: CaseDetail, signal: AbortSignal): Promise<Map<string, string>> {
  const bases = new Map<string, string>();
  for (const flow of flowsOf(kase)) {
    try {
      const preview = await api.preview(kase.pack, flow, kase.receivedAt, signal);
      for (const s of preview.steps) if (!bases.has(s.stepId)) bases.set(s.stepId, s.periodBasis);
    } catch {
      /* without the preview the citation's note still says what the figure is */
    }
  }
  return bases;
}

/** The basis of a step's period: from the rule pack, else what the citation's note says. */
function basisOf(task: Task, bases: Map<string, string>): string | undefined {
  const citation = task.citation;
  return bases.get(task.step) ?? (citation?.note?.includes('本地政策') ? 'policy' : citation?.note?.includes('征求意见稿') ? 'draft' : citation ? 'law' : undefined);
}

/**
 * 审批单: the case's approval form as it is printed and filed — the request's facts, then every step with the
 * department and the person who acted (承办人), its dates, decision, reasons, legal basis and the article its period
 * rests on, then signature lines. Laid out for A4 (styles.css, @media print): no navigation, no step split over pages.
 */
export function CasePrintView({ process, id }: { process: Process; id: string }) {
  const user = useUser();
  const loaded = useLoad(
    async (signal) => {
      const kase = await api.case(process, id, signal);
      return { kase, bases: await periodBases(kase, signal) };
    },
    [process, id, user.id],
  );
  return (
    <Loaded value={loaded} what={`GET ${process}/:id`}>
      {({ kase, bases }) => <ApprovalForm kase={kase} bases={bases} />}
    </Loaded>
  );
}

function ApprovalForm({ kase, bases }: { kase: CaseDetail; bases: Map<string, string> }) {
  const user = useUser();
  const { t, lang, pick } = useI18n();
  const { name } = useDepartments();
  const { entry } = useCatalogueEntry(kase.catalogueEntryId);
  const number = kase.caseNumber ?? null;
  const title = `${label(processLabels, kase.process, lang)}${t('printTitle')} · ${number ?? kase.id}`;
  useEffect(() => {
    document.title = `${title} · ${t('appName')}`;
  }, [title, t]);
  const printedAt = new Date().toISOString();
  const tasks = [...kase.tasks].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return (
    <article className="print-form" data-testid="approval-form" aria-labelledby="print-title">
      <div className="print-toolbar no-print">
        <button type="button" className="btn btn-primary" onClick={() => window.print()} data-testid="print-button">
          {t('printNow')}
        </button>
        <Link to={paths.case(kase.process, kase.id)} className="btn">
          {t('printBack')}
        </Link>
        <p className="hint">{t('printHint')}</p>
      </div>
      <header className="print-head">
        <p className="print-issuer">{name(kase.authorityDepartmentId)}</p>
        <h1 id="print-title" tabIndex={-1}>
          {label(processLabels, kase.process, lang)}
          {t('printTitle')}
        </h1>
        <dl className="print-ids">
          <div>
            <dt>{number ? t('printCaseNumber') : t('caseId')}</dt>
            <dd className={number ? undefined : 'mono'} data-testid="print-case-number">
              {number ?? kase.id}
            </dd>
          </div>
          <div>
            <dt>{t('pack')}</dt>
            <dd>《{label(packLabels, kase.pack, lang)}》</dd>
          </div>
          <div>
            <dt>{t('status')}</dt>
            <dd>
              {statusLabel(kase.status, lang)}
              {kase.closedAt ? ` · ${formatInstant(kase.closedAt, lang)}` : ''}
            </dd>
          </div>
        </dl>
        {number ? null : <p className="hint">{t('printNoNumber')}</p>}
      </header>

      <CaseFacts kase={kase} entry={entry} />

      <section className="card" aria-labelledby="print-steps">
        <h2 id="print-steps">{t('printSteps')}</h2>
        <ol className="print-steps" data-testid="print-steps">
          {tasks.map((task, i) => (
            <PrintStep key={task.id} task={task} n={i + 1} basis={basisOf(task, bases)} />
          ))}
        </ol>
      </section>

      {kase.escalations.length ? (
        <section className="card print-block" aria-labelledby="print-escalations">
          <h2 id="print-escalations">{t('escalationsTitle')}</h2>
          <ul className="plain">
            {kase.escalations.map((e) => {
              const task = kase.tasks.find((x) => x.id === e.taskId);
              return (
                <li key={e.id}>
                  {label(rungLabels, e.rung, lang)}
                  {e.basis ? `（${label(basisLabels, e.basis, lang)}）` : ''} · {task ? pick(task.titleZh, task.titleEn) : ''} · {name(e.responsibleDepartmentId)} ·{' '}
                  {formatInstant(e.firedAt, lang)}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      <section className="print-signatures print-block" aria-label={t('printSignatures')}>
        {[t('printSignHandler'), t('printSignReviewer'), t('printSignHead')].map((role) => (
          <div key={role}>
            <span>{role}</span>
            <span className="print-line" aria-hidden="true" />
            <span>{t('printSignDate')}</span>
            <span className="print-line short" aria-hidden="true" />
          </div>
        ))}
      </section>
      <footer className="print-foot">
        {t('printFooter', { at: formatInstant(printedAt, lang), by: lang === 'zh' ? `${user.displayName}（${user.departmentNameZh}）` : `${user.displayName} (${user.departmentNameEn})` })}
      </footer>
    </article>
  );
}

/** One step: never split over two pages (styles.css). */
function PrintStep({ task, n, basis }: { task: Task; n: number; basis: string | undefined }) {
  const { t, lang, pick } = useI18n();
  const { name } = useDepartments();
  const open = task.status === 'open';
  return (
    <li className="print-step" data-testid="print-step" data-step={task.step}>
      <h3>
        <span className="print-step-n">{n}</span> {pick(task.titleZh, task.titleEn)}
      </h3>
      <dl className="print-grid">
        <dt>{t('printDepartment')}</dt>
        <dd>{name(task.assigneeDepartmentId)}</dd>
        <dt>{t('printPerson')}</dt>
        <dd data-testid="print-person">{task.completedByName ?? (task.status === 'completed' && !task.completedBy ? t('printSystem') : '—')}</dd>
        <dt>{t('printOpened')}</dt>
        <dd>{formatInstant(task.createdAt, lang)}</dd>
        <dt>{t('stepDue')}</dt>
        <dd>{formatEndInstant(task.dueAt, lang)}</dd>
        <dt>{t('printCompleted')}</dt>
        <dd>{task.completedAt ? formatInstant(task.completedAt, lang) : open ? t('printOpen') : statusLabel(task.status, lang)}</dd>
        <dt>{t('printDecision')}</dt>
        <dd data-testid="print-decision">
          {task.decision ? decisionLabel(task.decision, lang, task.step) : '—'}
          {task.overdue ? <span className="tag tag-late">{t('late')}</span> : null}
        </dd>
      </dl>
      <dl className="print-grid print-grid-wide">
        {task.reason ? (
          <>
            <dt>{t('reason')}</dt>
            <dd className="detail-text">{task.reason}</dd>
          </>
        ) : null}
        {task.legalBasis ? (
          <>
            <dt>{t('legalBasisTitle')}</dt>
            <dd>
              {legalBasisKindLabel(task.legalBasis.kind, lang)} {task.legalBasis.title} {task.legalBasis.article}
            </dd>
          </>
        ) : null}
        {task.citation ? (
          <>
            <dt>{t('printCitation')}</dt>
            <dd data-testid="print-citation">
              <CitationLine citation={task.citation} basis={basis} />
            </dd>
          </>
        ) : null}
      </dl>
    </li>
  );
}

function CitationLine({ citation, basis }: { citation: Citation; basis: string | undefined }) {
  const { t, lang } = useI18n();
  const basisText = basis === 'law' ? t('periodBasisLaw') : basis === 'draft' ? t('periodBasisDraft') : basis === 'policy' ? t('periodBasisPolicy') : null;
  return (
    <>
      《{label(packLabels, citation.source, lang)}》{bilingual(citation.article, lang)}
      {basisText ? <span className={`tag ${basis === 'policy' ? 'tag-warn' : 'tag-info'}`}>{basisText}</span> : null}
      {citedByAnalogy(citation) ? <span className="tag tag-warn">{t('citationByAnalogy')}</span> : null}
    </>
  );
}
