import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';

/**
 * The keyword search of a list (受理编号, entry, scenario, description, department, person): a labelled search field
 * that applies on submit (Enter or the button), so each keystroke does not reload the list.
 */
export function SearchBox({ id, value, onSearch }: { id: string; value: string; onSearch(value: string): void }) {
  const { t } = useI18n();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <form
      role="search"
      className="search-box"
      aria-label={t('searchLabel')}
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(text.trim());
      }}
    >
      <label htmlFor={id}>{t('searchLabel')}</label>
      <div className="search-row">
        <input
          id={id}
          type="search"
          value={text}
          maxLength={200}
          placeholder={t('searchPlaceholder')}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="btn">
          {t('searchButton')}
        </button>
        {value ? (
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => {
              setText('');
              onSearch('');
            }}
          >
            {t('clearSearch')}
          </button>
        ) : null}
      </div>
      <p id={`${id}-hint`} className="muted hint">
        {t('searchHint')}
      </p>
    </form>
  );
}

export interface SortState<S extends string> {
  sort: S | null;
  order: 'asc' | 'desc';
}

/**
 * A column header that sorts the list by its column: a button in the header cell; `aria-sort` says the current order
 * to assistive technology, an arrow to the eye. A first press sorts ascending, a second descending.
 */
export function SortHeader<S extends string>({ column, label, state, onSort }: { column: S; label: string; state: SortState<S>; onSort(next: SortState<S>): void }) {
  const { t } = useI18n();
  const active = state.sort === column;
  const ariaSort = active ? (state.order === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" aria-sort={ariaSort}>
      <button
        type="button"
        className={`sort-button${active ? ' sorted' : ''}`}
        title={t('sortBy', { col: label })}
        onClick={() => onSort({ sort: column, order: active && state.order === 'asc' ? 'desc' : 'asc' })}
      >
        {label}
        <span aria-hidden="true" className="sort-arrow">
          {active ? (state.order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
        {active ? <span className="sr-only">（{state.order === 'asc' ? t('sortedAsc') : t('sortedDesc')}）</span> : null}
      </button>
    </th>
  );
}
