import { useCallback, useEffect, useState } from 'react';

const prefix = 'gds.draft:';

/**
 * A form's state that survives a reload, back and forward, and a session that expired mid-sentence: kept in this
 * tab's sessionStorage under the user and the form (`key`), dropped when the form is sent or the person signs out.
 * Another user of the same browser never sees it (the key names the user).
 */
export function useDraft<T>(key: string, initial: () => T): [T, (update: T | ((old: T) => T)) => void, () => void] {
  const storageKey = prefix + key;
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = sessionStorage.getItem(storageKey);
      if (stored !== null) return JSON.parse(stored) as T;
    } catch {
      /* storage unavailable or a draft that does not parse: start afresh */
    }
    return initial();
  });
  useEffect(() => {
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(value));
    } catch {
      /* storage full or unavailable: the draft lives only in the page */
    }
  }, [storageKey, value]);
  const clear = useCallback(() => {
    try {
      sessionStorage.removeItem(storageKey);
    } catch {
      /* storage unavailable */
    }
  }, [storageKey]);
  return [value, setValue, clear];
}

/** Drops every draft of this tab: on signing out, so a shared computer keeps nothing typed. */
export function dropAllDrafts(): void {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(prefix)) sessionStorage.removeItem(key);
  } catch {
    /* storage unavailable */
  }
}
