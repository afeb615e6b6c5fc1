import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { api } from '../api';
import { useUser } from '../auth';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { Link, paths } from '../router';
import type { Department } from '../types';
import { errorText } from '../error-text';

/**
 * The page's heading: it names the document and takes the focus after a navigation, so a screen reader announces
 * the new page and keyboard users start from it.
 */
export function PageTitle({ children, sub }: { children: string; sub?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${children} · ${t('appName')}`;
  }, [children, t]);
  useEffect(() => {
    // Focus the heading on every new page, but not on the very first load (the skip link comes first then).
    if (document.body.dataset.navigated === 'yes') ref.current?.focus({ preventScroll: true });
    document.body.dataset.navigated = 'yes';
  }, []);
  return (
    <header className="page-head">
      <h1 ref={ref} tabIndex={-1}>
        {children}
      </h1>
      {sub ? <p className="page-sub">{sub}</p> : null}
    </header>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('loading')}
    </p>
  );
}

export function ErrorBlock({ error, retry }: { error: Error; retry?: () => void }) {
  const { t } = useI18n();
  const { lang } = useI18n();
  return (
    <div className="notice notice-error" role="alert">
      <strong>{t('errorTitle')}</strong>
      <p>{errorText(error, lang, t)}</p>
      {retry ? (
        <button type="button" className="btn" onClick={retry}>
          {t('retry')}
        </button>
      ) : null}
    </div>
  );
}

/** A view whose API the backend has not shipped yet: said plainly, never faked. */
export function NotAvailable({ what }: { what: string }) {
  const { t } = useI18n();
  return (
    <div className="notice notice-info" role="status" data-testid="not-available">
      <strong>{t('notAvailableTitle')}</strong>
      <p>{t('notAvailableText', { what })}</p>
    </div>
  );
}

export function NotFound() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="not-found-title">
      <PageTitle>{t('notFoundTitle')}</PageTitle>
      <p id="not-found-title" data-testid="not-found">
        {t('notFoundText')}
      </p>
      <p>
        <Link to={paths.queue()}>{t('backToQueue')}</Link>
      </p>
    </section>
  );
}

/** The usual loading / error / unavailable handling around a loaded value. */
export function Loaded<T>({
  value,
  what,
  children,
}: {
  value: ReturnType<typeof useLoad<T>>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  switch (value.state) {
    case 'loading':
      return <Loading />;
    case 'unavailable':
      return <NotAvailable what={what} />;
    case 'not-found':
      return <NotFound />;
    case 'error':
      return <ErrorBlock error={value.error} retry={value.reload} />;
    case 'ok':
      return <>{children(value.data)}</>;
  }
}

interface Departments {
  /** The department's name in the current language, or its id while names are not available. */
  name(id: string | null | undefined): string;
  list: Department[];
}

const DepartmentsContext = createContext<Departments | null>(null);

/** Department names from `GET /api/departments` when the server has it; the user's own department always. */
export function DepartmentsProvider({ children }: { children: ReactNode }) {
  const user = useUser();
  const { lang } = useI18n();
  const loaded = useLoad((signal) => api.departments(signal), [user.id]);
  const value = useMemo<Departments>(() => {
    const list = loaded.state === 'ok' && Array.isArray(loaded.data) ? loaded.data : [];
    const byId = new Map(list.map((d) => [d.id, d]));
    if (!byId.has(user.departmentId)) {
      byId.set(user.departmentId, { id: user.departmentId, nameZh: user.departmentNameZh, nameEn: user.departmentNameEn });
    }
    return {
      list: [...byId.values()],
      name: (id) => {
        if (!id) return '—';
        const d = byId.get(id);
        return d ? (lang === 'zh' ? d.nameZh : d.nameEn) : id;
      },
    };
  }, [loaded, user, lang]);
  return <DepartmentsContext.Provider value={value}>{children}</DepartmentsContext.Provider>;
}

export function useDepartments(): Departments {
  const value = useContext(DepartmentsContext);
  if (!value) throw new Error('useDepartments outside DepartmentsProvider');
  return value;
}
