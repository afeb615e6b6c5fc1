import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from './api';
import { useUser } from './auth';
import { useInterval } from './hooks';

interface Unread {
  count: number;
  refresh(): void;
}

const UnreadContext = createContext<Unread>({ count: 0, refresh: () => undefined });

/** How many notices the user has not read, for the navigation; checked every half minute. */
export function UnreadProvider({ children }: { children: ReactNode }) {
  const user = useUser();
  const [count, setCount] = useState(0);
  const refresh = useCallback(() => {
    api.notifications({ unread: 'true' }).then(
      (list) => setCount(list.length),
      () => undefined,
    );
  }, []);
  useEffect(refresh, [refresh, user.id]);
  useInterval(refresh, 30_000);
  const value = useMemo(() => ({ count, refresh }), [count, refresh]);
  return <UnreadContext.Provider value={value}>{children}</UnreadContext.Provider>;
}

export function useUnread(): Unread {
  return useContext(UnreadContext);
}
