import { createContext, useCallback, useContext, useEffect, useMemo, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

interface Router {
  /** The path and query, e.g. `/tasks?status=all`. */
  path: string;
  segments: string[];
  query: URLSearchParams;
  navigate(to: string, opts?: { replace?: boolean }): void;
}

const RouterContext = createContext<Router | null>(null);

function current(): string {
  return window.location.pathname + window.location.search;
}

/** A minimal history router: the server answers every non-API path with index.html. */
export function RouterProvider({ children }: { children: ReactNode }) {
  const [path, setPath] = useState(current);
  useEffect(() => {
    const onPop = () => setPath(current());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string, opts: { replace?: boolean } = {}) => {
    if (to === current()) return;
    if (opts.replace) window.history.replaceState(null, '', to);
    else window.history.pushState(null, '', to);
    setPath(current());
    window.scrollTo(0, 0);
  }, []);
  const value = useMemo<Router>(() => {
    const [pathname = '/', search = ''] = path.split('?');
    const segments = pathname
      .split('/')
      .filter(Boolean)
      .map((s) => {
        try {
          return decodeURIComponent(s);
        } catch {
          return s;
        }
      });
    return { path, segments, query: new URLSearchParams(search), navigate };
  }, [path, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): Router {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter outside RouterProvider');
  return value;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** An ordinary link (open in a new tab works) that navigates in place on a plain click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const { navigate } = useRouter();
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}

export const paths = {
  queue: () => '/tasks',
  task: (id: string) => `/tasks/${encodeURIComponent(id)}`,
  cases: () => '/cases',
  newCase: (process: string, params?: Record<string, string>) =>
    `/cases/new/${process}${params ? `?${new URLSearchParams(params).toString()}` : ''}`,
  case: (process: string, id: string) => `/cases/${process}/${encodeURIComponent(id)}`,
  /** 审批单: the case's approval form laid out for printing. */
  casePrint: (process: string, id: string) => `/cases/${process}/${encodeURIComponent(id)}/print`,
  catalogue: () => '/catalogue',
  calendar: (month?: string) => (month ? `/calendar/${month}` : '/calendar'),
  inbox: () => '/inbox',
  assessment: () => '/assessment',
  signIn: (next?: string) => (next && next !== '/' ? `/signin?next=${encodeURIComponent(next)}` : '/signin'),
};
