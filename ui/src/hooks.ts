import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api';

export type Loaded<T> =
  | { state: 'loading'; data?: undefined; error?: undefined }
  | { state: 'ok'; data: T; error?: undefined }
  | { state: 'not-found'; data?: undefined; error: ApiError }
  | { state: 'unavailable'; data?: undefined; error: ApiError }
  | { state: 'error'; data?: undefined; error: Error };

/**
 * Loads data for a view; `reload()` fetches again keeping what is shown. A route the server does not have yet is
 * `unavailable` (shown as "not available yet"), a missing record `not-found`.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> & { reload(): void } {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const controller = new AbortController();
    loadRef
      .current(controller.signal)
      .then((data) => {
        if (!controller.signal.aborted) setResult({ state: 'ok', data });
      })
      .catch((error: Error) => {
        if (controller.signal.aborted || error.name === 'AbortError') return;
        if (error instanceof ApiError && error.routeMissing) setResult({ state: 'unavailable', error });
        else if (error instanceof ApiError && error.status === 404) setResult({ state: 'not-found', error });
        else setResult({ state: 'error', error });
      });
    return () => controller.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...result, reload };
}

/** Calls `fn` every `ms` while the page is visible. */
export function useInterval(fn: () => void, ms: number): void {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    const id = window.setInterval(() => {
      if (document.visibilityState === 'visible') ref.current();
    }, ms);
    return () => window.clearInterval(id);
  }, [ms]);
}
