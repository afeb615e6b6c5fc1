import { ApplicationFailure } from '@temporalio/activity';
import { storeRefusedInput } from '../workflows/messages';

/** The Postgres error (SQLSTATE and its own message), looking through the causes drizzle wraps it in. */
export function postgresError(error: unknown): { code: string; message: string } | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return { code, message: String((e as { message?: unknown }).message) };
  }
  return undefined;
}

/**
 * Data exceptions (class 22: a lone surrogate or NUL in jsonb, a value out of range) and integrity violations (class
 * 23) do not get better by retrying: they become a non-retryable failure the workflow can handle. Anything else (a
 * connection lost) is left to Temporal's retries.
 */
export function refusedData(error: unknown): never {
  const pg = postgresError(error);
  if (pg && (pg.code.startsWith('22') || pg.code.startsWith('23'))) {
    // Postgres's own message, not drizzle's wrapper: that one repeats the query and its parameters.
    throw ApplicationFailure.nonRetryable(`the database refused the data (SQLSTATE ${pg.code}: ${pg.message})`, storeRefusedInput, { sqlState: pg.code });
  }
  throw error;
}

type AsyncFunctions = Record<string, (...args: never[]) => Promise<unknown>>;

/** The same activities, with the database's refusals of their data made non-retryable. */
export function withStoreRefusals<T extends AsyncFunctions>(activities: T): T {
  const guarded: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    guarded[name] = (...args: never[]) => fn(...args).catch(refusedData);
  }
  return guarded as T;
}
