import { api, processes } from '../api';
import { useUser } from '../auth';
import { rememberCases } from '../cases';
import { Loaded, PageTitle, useDepartments } from '../components/common';
import { colon, formatInstant, shortId } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { label, processLabels, statusLabel } from '../labels';
import { Link, paths } from '../router';
import type { Process, User } from '../types';

/** Who may start which process: requests and disputes are the demand side's, changes and negative lists the provider's. */
export function mayStart(process: Process, user: User): boolean {
  const role = process === 'share-request' || process === 'quality-dispute' ? 'requester' : 'provider';
  return user.roles.includes(role);
}

export function CasesView() {
  const user = useUser();
  const { t, lang } = useI18n();
  const startable = processes.filter((p) => mayStart(p, user));
  return (
    <>
      <PageTitle sub={t('casesIntro')}>{t('casesTitle')}</PageTitle>
      {startable.length ? (
        <nav className="new-case card" aria-label={t('newCase')}>
          <span className="new-case-label">
            {t('newCase')}
            {colon(lang)}
          </span>
          {startable.map((p) => (
            <Link key={p} to={paths.newCase(p)} className="btn btn-small">
              + <ProcessName process={p} />
            </Link>
          ))}
        </nav>
      ) : null}
      {processes.map((p) => (
        <CaseList key={p} process={p} />
      ))}
    </>
  );
}

function ProcessName({ process }: { process: Process }) {
  const { lang } = useI18n();
  return <>{label(processLabels, process, lang)}</>;
}

function CaseList({ process }: { process: Process }) {
  const user = useUser();
  const { t, lang } = useI18n();
  const { name } = useDepartments();
  const loaded = useLoad(
    async (signal) => {
      const list = await api.cases(process, signal);
      rememberCases(list);
      return list;
    },
    [process, user.id],
  );
  const headingId = `cases-${process}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <ProcessName process={process} />
      </h2>
      <Loaded value={loaded} what={`GET /api/${process}`}>
        {(cases) =>
          cases.length === 0 ? (
            <p className="empty">{t('noCases')}</p>
          ) : (
            <table className="cases" data-testid={`cases-${process}`}>
              <thead>
                <tr>
                  <th scope="col">{t('caseId')}</th>
                  <th scope="col">{t('colEntry')}</th>
                  <th scope="col">{t('requesterDept')}</th>
                  <th scope="col">{t('colReceived')}</th>
                  <th scope="col">{t('colStatus')}</th>
                </tr>
              </thead>
              <tbody>
                {cases.map((c) => (
                  <tr key={c.id} data-case-id={c.id}>
                    <td data-label={t('caseId')}>
                      <Link to={paths.case(c.process, c.id)} className="mono">
                        {shortId(c.id)}
                      </Link>
                      {c.scenario ? <div className="muted clamp">{c.scenario}</div> : null}
                    </td>
                    <td data-label={t('colEntry')}>{c.catalogueEntryId ?? '—'}</td>
                    <td data-label={t('requesterDept')}>{name(c.requesterDepartmentId)}</td>
                    <td data-label={t('colReceived')}>{formatInstant(c.receivedAt, lang)}</td>
                    <td data-label={t('colStatus')}>
                      <span className={`tag status-${c.closedAt ? 'closed' : 'open'}`}>{statusLabel(c.status, lang)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}
