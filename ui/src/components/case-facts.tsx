import { formatDate, formatInstant } from '../format';
import { useI18n } from '../i18n';
import { basisLabels, detailLabels, label, routeLabels, packLabels, processLabels, sharingLabels, statusLabel, triggerLabels } from '../labels';
import type { CaseDetail, CatalogueEntry } from '../types';
import { useDepartments } from './common';
import { ReviewProtectionFacts } from './review-protection';

/** A share request's route (Hebei draft art. 21), as the API stored it with the case: who it passes, in order. */
export interface ShareRouteFacts {
  kind: 'cross-level' | 'own-authority';
  basis: 'draft' | 'policy';
  zh: string;
  en: string;
  citation: { article: string; note?: string };
  /** requester, (own-level authority,) the authority that handles it, provider. */
  hops: string[];
}

/** The case's route, when it has one other than between two departments of one authority. */
export function shareRouteOf(kase: Pick<CaseDetail, 'details'>): ShareRouteFacts | null {
  const route = (kase.details as Record<string, unknown> | null | undefined)?.route as ShareRouteFacts | undefined;
  return route && Array.isArray(route.hops) ? route : null;
}

/** What each hop of a route does, in order. */
const HOP_ROLES: Record<ShareRouteFacts['kind'], [string, string][]> = {
  'cross-level': [
    ['需求部门', 'requester'],
    ['本级主管部门 · 转报', 'own-level authority · relays'],
    ['上一级主管部门 · 受理办理', 'upper-level authority · handles'],
    ['提供部门', 'provider'],
  ],
  'own-authority': [
    ['需求部门', 'requester'],
    ['本级主管部门 · 办理', 'own-level authority · handles'],
    ['提供部门', 'provider'],
  ],
};

/** The route's hops with their roles, its basis (依征求意见稿 / 本地政策) and why, with the article. */
function RouteFacts({ route }: { route: ShareRouteFacts }) {
  const { lang, pick } = useI18n();
  const { name } = useDepartments();
  const roles = HOP_ROLES[route.kind] ?? [];
  return (
    <>
      <dt>{label(detailLabels, 'route', lang)}</dt>
      <dd data-testid="facts-route">
        <ol className="route-hops" aria-label={label(detailLabels, 'route', lang)}>
          {route.hops.map((id, i) => (
            <li key={`${id}-${i}`}>
              <strong>{name(id)}</strong> <span className="muted">{roles[i] ? pick(roles[i][0], roles[i][1]) : ''}</span>
            </li>
          ))}
        </ol>
        <span className={`tag ${route.basis === 'policy' ? 'tag-warn' : 'tag-info'}`}>{label(basisLabels, route.basis, lang)}</span>{' '}
        {pick(route.zh, route.en)} <span className="muted">({route.citation.article})</span>
      </dd>
    </>
  );
}

/** The order a submission's fields are shown in; a field not named here follows, under its own key. */
const detailOrder = ['trigger', 'changedAt', 'description', 'evidence', 'route', 'ownEntryId', 'inconsistency', 'basis', 'legalBasis', 'reason'];
/** Shown in a block of their own (Anhui art. 26 para. 3), not as a field of the submission. */
const ownBlock = new Set(['proofShown']);

/** A value of `details` as text: codes with a vocabulary (the cause of a catalogue change) by their label. */
function detailText(key: string, value: unknown, lang: 'zh' | 'en'): string {
  if (key === 'trigger' && typeof value === 'string') return label(triggerLabels, value, lang);
  if (key === 'changedAt' && typeof value === 'string') return formatDate(value, lang, { weekday: true });
  if (key === 'route' && typeof value === 'string') return label(routeLabels, value, lang);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * The request's facts, first on every task and case page: what was asked, of which catalogue entry (by name, id and
 * sharing attribute), by whom, of whom, for what scenario, when it was received, and every field of the submission
 * (`details`) under its label. Data needs: the case detail and, for the entry's name, its catalogue entry.
 */
export function CaseFacts({ kase, entry }: { kase: CaseDetail; entry: CatalogueEntry | null | undefined }) {
  const { t, lang, pick } = useI18n();
  const { name } = useDepartments();
  // A catalogue change or a negative-list application is the providing department's own: it is the applicant.
  const providerSide = kase.process === 'catalogue-change' || kase.process === 'negative-list';
  const details = Object.entries(kase.details ?? {})
    .filter(([k, v]) => v !== null && v !== undefined && v !== '' && !ownBlock.has(k))
    .sort(([a], [b]) => (detailOrder.indexOf(a) + 1 || 99) - (detailOrder.indexOf(b) + 1 || 99));
  return (
    <section className="card" aria-labelledby="request-title" data-testid="request">
      <h2 id="request-title">{t('theRequest')}</h2>
      <dl className="facts">
        <dt>{t('caseNumber')}</dt>
        <dd className="case-number" data-testid="facts-case-number">
          {kase.caseNumber || '—'}
        </dd>
        <dt>{t('process')}</dt>
        <dd>{label(processLabels, kase.process, lang)}</dd>
        <dt>{t('status')}</dt>
        <dd>{statusLabel(kase.status, lang)}</dd>
        {kase.catalogueEntryId ? (
          <>
            <dt>{t('catalogueEntry')}</dt>
            <dd data-testid="facts-entry">
              {entry ? <strong>{pick(entry.nameZh, entry.nameEn)}</strong> : null}
              {entry ? ' ' : null}
              <span className="mono">{kase.catalogueEntryId}</span>
              {entry ? (
                <>
                  {' '}
                  <span className={`tag share-${entry.sharingAttribute}`}>{label(sharingLabels, entry.sharingAttribute, lang)}</span>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
        {entry && entry.sharingAttribute !== 'unconditional' && entry.legalBasis ? (
          <>
            <dt>{t('entryLegalBasis')}</dt>
            <dd data-testid="facts-entry-legal-basis">{entry.legalBasis}</dd>
          </>
        ) : null}
        {entry?.sharingAttribute === 'not-shared' && kase.process === 'share-request' && kase.outcome !== 'not-shared' ? (
          <>
            <dt>{t('notSharedDecidedTitle')}</dt>
            <dd data-testid="facts-not-shared-decided">{t('notSharedDecided')}</dd>
          </>
        ) : null}
        <dt>{providerSide ? t('applicantDept') : t('requesterDept')}</dt>
        <dd>{name(kase.requesterDepartmentId)}</dd>
        {kase.providerDepartmentId && !(providerSide && kase.providerDepartmentId === kase.requesterDepartmentId) ? (
          <>
            <dt>{t('providerDept')}</dt>
            <dd>{name(kase.providerDepartmentId)}</dd>
          </>
        ) : null}
        {kase.scenario ? (
          <>
            <dt>{t('scenario')}</dt>
            <dd>{kase.scenario}</dd>
          </>
        ) : null}
        <dt>{t('receivedAt')}</dt>
        <dd>{formatInstant(kase.receivedAt, lang)}</dd>
        {details.map(([key, value]) =>
          key === 'route' && shareRouteOf(kase) ? (
            <RouteFacts key={key} route={shareRouteOf(kase)!} />
          ) : (
            <DetailRow key={key} name={key} text={detailText(key, value, lang)} />
          ),
        )}
        <dt>{t('authorityDept')}</dt>
        <dd>{name(kase.authorityDepartmentId)}</dd>
        <dt>{t('pack')}</dt>
        <dd>
          《{label(packLabels, kase.pack, lang)}》
          {kase.warning ? (
            <span className="tag tag-warn" data-testid="facts-higher-text">
              {t('higherTextAbove')}
            </span>
          ) : null}
        </dd>
        <dt>{t('caseId')}</dt>
        <dd className="mono">{kase.id}</dd>
      </dl>
      <ReviewProtectionFacts kase={kase} />
    </section>
  );
}

function DetailRow({ name, text }: { name: string; text: string }) {
  const { lang } = useI18n();
  return (
    <>
      <dt>{label(detailLabels, name, lang)}</dt>
      <dd className="detail-text" data-testid={`detail-${name}`}>
        {text}
      </dd>
    </>
  );
}
