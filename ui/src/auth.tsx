import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setToken, setUnauthorizedHandler } from './api';
import type { Session, User } from './types';
import { dropAllDrafts } from './drafts';

interface Auth {
  user: User | null;
  signIn(username: string, password: string): Promise<User>;
  /** Ends the session on the server, then forgets it here (also when the server cannot be reached). */
  signOut(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);
const storageKey = 'gds.session';

function savedSession(): Session | null {
  try {
    const raw = localStorage.getItem(storageKey);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (!session.token || Date.parse(session.expiresAt) <= Date.now()) return null;
    return session;
  } catch {
    return null;
  }
}

/**
 * The signed-in user; the bearer token lives in localStorage until it expires, is idle too long (the API then
 * answers 401 and the app forgets it), or the user signs out (which ends the session on the server too).
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => {
    const s = savedSession();
    setToken(s?.token ?? null);
    return s;
  });

  const forget = useCallback(() => {
    setToken(null);
    setSession(null);
    try {
      localStorage.removeItem(storageKey);
    } catch {
      /* storage unavailable */
    }
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      /* already ended, or the server is unreachable: forget it here all the same */
    }
    // Signing out, not an expired session: what was typed is kept for the same person's next sign-in until then.
    dropAllDrafts();
    forget();
  }, [forget]);

  useEffect(() => setUnauthorizedHandler(forget), [forget]);

  const signIn = useCallback(async (username: string, password: string) => {
    const s = await api.login(username, password);
    setToken(s.token);
    setSession(s);
    try {
      localStorage.setItem(storageKey, JSON.stringify(s));
    } catch {
      /* storage unavailable */
    }
    return s.user;
  }, []);

  const value = useMemo<Auth>(() => ({ user: session?.user ?? null, signIn, signOut }), [session, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user; only used under the signed-in shell. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('not signed in');
  return user;
}

export const isAuthority = (u: User) => u.roles.some((r) => r === 'authority-reviewer' || r === 'authority-supervisor' || r === 'admin');
