import { api } from '../api';
import { useUser } from '../auth';
import { rememberCases } from '../cases';
import { Loaded, PageTitle } from '../components/common';
import { ArgumentsSoFar } from '../components/arguments';
import { CaseFacts } from '../components/case-facts';
import { useCatalogueEntry } from '../components/catalogue-entry';
import { DueBadge } from '../components/deadline';
import { HigherTextNotice } from '../components/hierarchy';
import { ProposedChanges } from '../components/proposed-changes';
import { EscalationList, Steps, Timeline } from '../components/timeline';
import { colon, shortId } from '../format';
import { useInterval, useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { label, processLabels } from '../labels';
import { Link, paths, useRouter } from '../router';
import type { CaseDetail, Process } from '../types';
import { mayAct } from './task';

export function CaseView({ process, id }: { process: Process; id: string }) {
  const user = useUser();
  const { t, lang, pick } = useI18n();
  const { query } = useRouter();
  const loaded = useLoad(
    async (signal) => {
      const detail = await api.case(process, id, signal);
      rememberCases([detail]);
      return detail;
    },
    [process, id, user.id],
  );
  // A new case's first task appears as soon as its workflow opens it.
  useInterval(() => {
    if (loaded.state === 'ok' && !loaded.data.closedAt) loaded.reload();
  }, 5_000);
  return (
    <Loaded value={loaded} what={`GET ${process}/:id`}>
      {(kase) => {
        const mine = kase.tasks.filter((task) => mayAct(task, user));
        return (
          <>
            <PageTitle>{`${label(processLabels, kase.process, lang)} ${kase.caseNumber || shortId(kase.id)}`}</PageTitle>
            <p className="page-actions">
              <Link to={paths.casePrint(kase.process, kase.id)} className="btn" data-testid="print-link">
                {t('printLink')}
              </Link>
            </p>
            {query.get('created') ? (
              <p className="notice notice-ok" role="status">
                {t('caseCreated', { id: kase.caseNumber || shortId(kase.id) })}
              </p>
            ) : null}
            {mine.length ? (
              <section className="card callout" aria-labelledby="mine-title" data-testid="my-open-tasks">
                <h2 id="mine-title">{t('queueTitle')}</h2>
                <ul className="plain">
                  {mine.map((task) => (
                    <li key={task.id}>
                      <Link to={paths.task(task.id)} className="btn btn-primary">
                        {t('openTask')}
                        {colon(lang)}
                        {pick(task.titleZh, task.titleEn)}
                      </Link>{' '}
                      <DueBadge task={task} compact />
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            <HigherTextNotice texts={kase} />
            <div className="layout-2">
              <div className="col-main">
                <CaseFactsOf kase={kase} />
                <ArgumentsSoFar kase={kase} />
                <Steps tasks={kase.tasks} canOpen={() => true} />
                <EscalationList escalations={kase.escalations} tasks={kase.tasks} />
              </div>
              <div className="col-side">
                <Timeline detail={kase} />
              </div>
            </div>
          </>
        );
      }}
    </Loaded>
  );
}

/** The facts with the catalogue entry by name, and a catalogue change's proposed fields. */
function CaseFactsOf({ kase }: { kase: CaseDetail }) {
  const { entry } = useCatalogueEntry(kase.catalogueEntryId);
  return (
    <>
      <CaseFacts kase={kase} entry={entry} />
      {kase.process === 'catalogue-change' ? <ProposedChanges kase={kase} entry={entry} /> : null}
    </>
  );
}
