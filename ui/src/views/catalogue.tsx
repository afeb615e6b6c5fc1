import { useState } from 'react';
import { api } from '../api';
import { useUser } from '../auth';
import { Loaded, PageTitle, useDepartments } from '../components/common';
import { bilingual, colon, formatInstant } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { label, sharingLabels } from '../labels';
import { Link, paths } from '../router';
import type { CatalogueEntry, NegativeListEntry } from '../types';
import { mayStart } from './cases';

export function CatalogueView() {
  const { t } = useI18n();
  const catalogue = useLoad((signal) => api.catalogue(signal), []);
  const negative = useLoad((signal) => api.negativeList(signal), []);
  return (
    <>
      <PageTitle sub={t('catalogueIntro')}>{t('catalogueTitle')}</PageTitle>
      <section className="card" aria-labelledby="cat-title">
        <h2 id="cat-title">{t('catalogueTitle')}</h2>
        <Loaded value={catalogue} what="GET /api/catalogue">
          {(entries) => <CatalogueTable entries={entries} />}
        </Loaded>
      </section>
      <section className="card" aria-labelledby="neg-title">
        <h2 id="neg-title">{t('negativeListTitle')}</h2>
        <Loaded value={negative} what="GET /api/negative-list">
          {(rows) => <NegativeList rows={rows} />}
        </Loaded>
      </section>
    </>
  );
}

function CatalogueTable({ entries }: { entries: CatalogueEntry[] }) {
  const user = useUser();
  const { t, lang, pick } = useI18n();
  const { name } = useDepartments();
  const [search, setSearch] = useState('');
  const [attribute, setAttribute] = useState('');
  const q = search.trim().toLowerCase();
  const shown = entries.filter(
    (e) =>
      (!attribute || e.sharingAttribute === attribute) &&
      (!q || [e.id, e.nameZh, e.nameEn, name(e.providerDepartmentId)].some((s) => String(s).toLowerCase().includes(q))),
  );
  const canRequest = mayStart('share-request', user);
  return (
    <>
      <div className="filters">
        <div className="filter">
          <label htmlFor="cat-search">{t('searchCatalogue')}</label>
          <input id="cat-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="filter">
          <label htmlFor="cat-attr">{t('sharingAttribute')}</label>
          <select id="cat-attr" value={attribute} onChange={(e) => setAttribute(e.target.value)}>
            <option value="">{t('all')}</option>
            {Object.keys(sharingLabels).map((a) => (
              <option key={a} value={a}>
                {label(sharingLabels, a, lang)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="summary" role="status" aria-live="polite">
        {shown.length} / {entries.length}
      </p>
      {shown.length === 0 ? (
        <p className="empty">{t('noEntries')}</p>
      ) : (
        <table className="catalogue" data-testid="catalogue">
          <thead>
            <tr>
              <th scope="col">{t('catalogueEntry')}</th>
              <th scope="col">{t('sharingAttribute')}</th>
              <th scope="col">{t('provider')}</th>
              <th scope="col">{t('updateFrequency')}</th>
              <th scope="col">{t('scopeOfUse')}</th>
              <th scope="col">{t('conditions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.id}>
                <td data-label={t('catalogueEntry')}>
                  <strong>{pick(e.nameZh, e.nameEn)}</strong>
                  <div className="mono muted">{e.id}</div>
                  <div className="muted">
                    {t('securityLevel')}
                    {colon(lang)}
                    {bilingual(e.securityLevel, lang)}
                    {e.dataFormat ? ` · ${t('dataFormat')}${colon(lang)}${e.dataFormat}` : ''}
                  </div>
                </td>
                <td data-label={t('sharingAttribute')}>
                  <span className={`tag share-${e.sharingAttribute}`}>{label(sharingLabels, e.sharingAttribute, lang)}</span>
                </td>
                <td data-label={t('provider')}>{e.providerNameZh && e.providerNameEn ? pick(e.providerNameZh, e.providerNameEn) : name(e.providerDepartmentId)}</td>
                <td data-label={t('updateFrequency')}>{bilingual(e.updateFrequency, lang)}</td>
                <td data-label={t('scopeOfUse')}>{bilingual(e.scopeOfUse, lang)}</td>
                <td data-label={t('conditions')}>
                  {e.conditions ? bilingual(e.conditions, lang) : '—'}
                  {e.legalBasis ? <div className="muted">{t('legalBasis')}
                      {colon(lang)}
                      {e.legalBasis}</div> : null}
                  {canRequest && e.sharingAttribute !== 'not-shared' && e.providerDepartmentId !== user.departmentId ? (
                    <div>
                      <Link to={paths.newCase('share-request', { entry: e.id })} className="btn btn-small">
                        {t('requestThis')}
                      </Link>
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function NegativeList({ rows }: { rows: NegativeListEntry[] }) {
  const { t, lang, pick } = useI18n();
  const { name } = useDepartments();
  if (rows.length === 0) return <p className="empty">{t('noNegative')}</p>;
  return (
    <table className="negative" data-testid="negative-list">
      <thead>
        <tr>
          <th scope="col">{t('catalogueEntry')}</th>
          <th scope="col">{t('provider')}</th>
          <th scope="col">{t('legalBasis')}</th>
          <th scope="col">{t('listedAt')}</th>
          <th scope="col">{t('filedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.catalogueEntryId}>
            <td data-label={t('catalogueEntry')}>
              <strong>{pick(r.nameZh, r.nameEn)}</strong>
              <div className="mono muted">{r.catalogueEntryId}</div>
              <Link to={paths.case('negative-list', r.requestId)}>{t('openCase')}</Link>
            </td>
            <td data-label={t('provider')}>{name(r.providerDepartmentId)}</td>
            <td data-label={t('legalBasis')}>{r.legalBasis}</td>
            <td data-label={t('listedAt')}>{formatInstant(r.listedAt, lang)}</td>
            <td data-label={t('filedAt')}>{r.filedAt ? formatInstant(r.filedAt, lang) : <span className="tag tag-warn">{t('notFiled')}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
