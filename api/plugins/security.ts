import { isIP } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { HttpProblem } from '../problem';
import { text } from '../problem-text';

export interface SecurityOptions {
  /** Requests per minute per authenticated caller (session or API key; the address for public routes). */
  rateLimitPerMinute: number;
  /** Sign-in attempts per minute per address and user name. */
  loginAttemptsPerMinute: number;
  /**
   * Sign-in attempts per minute per address across all user names (against password spraying).
   * @default 30
   */
  loginAttemptsPerAddressPerMinute?: number;
  /**
   * Failed authentications (401) per minute per address; past it the address gets 429 before any credential is looked up.
   * @default 30
   */
  authFailuresPerMinute?: number;
  /**
   * A session ends after this many minutes without a request.
   * @default 30
   */
  sessionIdleMinutes?: number;
  /** Origins allowed to call the API from a browser; the web app itself is same-origin and needs none. */
  corsOrigins: string[];
  /** When set, `GET /metrics` on the API answers only `Authorization: Bearer <metricsToken>`; unset, the API serves no `/metrics`. */
  metricsToken?: string;
  /**
   * Whether the API documentation is served at `/docs` (from the environment: `API_DOCS`, off by default when
   * `NODE_ENV=production`).
   * @default true
   */
  apiDocs?: boolean;
}

/** The options with their defaults filled in. */
export type ResolvedSecurityOptions = Required<Omit<SecurityOptions, 'metricsToken'>> & Pick<SecurityOptions, 'metricsToken'>;

export function resolveSecurityOptions(options: SecurityOptions): ResolvedSecurityOptions {
  return {
    loginAttemptsPerAddressPerMinute: 30,
    authFailuresPerMinute: 30,
    sessionIdleMinutes: 30,
    apiDocs: true,
    ...options,
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not ${JSON.stringify(raw)}`);
  return value;
}

export function securityOptionsFromEnv(env = process.env): ResolvedSecurityOptions {
  return {
    rateLimitPerMinute: positive(env, 'RATE_LIMIT_PER_MINUTE', 600),
    loginAttemptsPerMinute: positive(env, 'LOGIN_ATTEMPTS_PER_MINUTE', 10),
    loginAttemptsPerAddressPerMinute: positive(env, 'LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE', 30),
    authFailuresPerMinute: positive(env, 'AUTH_FAILURES_PER_MINUTE', 30),
    sessionIdleMinutes: positive(env, 'SESSION_IDLE_MINUTES', 30),
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    metricsToken: env.METRICS_TOKEN || undefined,
    apiDocs: apiDocsFromEnv(env),
  };
}

/** `API_DOCS=on|off`; unset, on except when `NODE_ENV=production` (a public API description is opt-in there). */
function apiDocsFromEnv(env: NodeJS.ProcessEnv): boolean {
  const raw = (env.API_DOCS ?? '').trim().toLowerCase();
  if (raw === '') return env.NODE_ENV !== 'production';
  if (raw === 'on' || raw === 'true') return true;
  if (raw === 'off' || raw === 'false') return false;
  throw new Error(`API_DOCS must be on or off, not ${JSON.stringify(env.API_DOCS)}`);
}

/** Fastify's `trustProxy` as a function: the socket's peer and the next `hops − 1` entries are proxies. */
export type TrustHops = ((address: string, hop: number) => boolean) & { hops: number };

function trustHops(hops: number): TrustHops {
  return Object.assign((_address: string, hop: number) => hop < hops, { hops });
}

/**
 * Fastify's `trustProxy` from `TRUST_PROXY`: which `X-Forwarded-For` entries are believed. Never Fastify's `true`,
 * which takes the leftmost entry — whatever the client wrote — as the address, so a client rotating a forged header
 * gets a fresh budget under every per-address limit.
 *
 * - unset, `false`, `0`: no proxy; the address is the socket's.
 * - `true`: one hop, the address the nearest proxy saw (the rightmost entry, appended by that proxy).
 * - a whole number `n`: `n` proxies in a row; the address the outermost of them saw.
 * - a comma-separated list of addresses and CIDRs (`10.0.0.0/8,192.168.1.5`): the proxies themselves; the address is
 *   the rightmost entry not from one of them. Prefer this: a hop count trusts whoever connects, so the API must then
 *   be reachable only through the proxy.
 *
 * A hop count is given to Fastify as a function: Fastify's own numeric `trustProxy` now trusts nothing at all.
 *
 * Thrown when the value is none of these.
 */
export function trustProxyFromEnv(env: NodeJS.ProcessEnv = process.env): false | string[] | TrustHops {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '' || raw.toLowerCase() === 'false' || raw === '0') return false;
  if (raw.toLowerCase() === 'true') return trustHops(1);
  if (/^\d+$/.test(raw)) return trustHops(Number(raw));
  const entries = raw.split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const bits = family === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= bits);
    if (!family || !prefixOk || extra !== undefined) {
      throw new Error(`TRUST_PROXY must be true, false, a number of proxies, or a list of proxy addresses or CIDRs; ${JSON.stringify(entry)} is none of these`);
    }
  }
  return entries;
}

/**
 * The general limit counts per authenticated principal (a session, an API key), so departments behind one gateway do
 * not share a budget. It is a route-level `onRequest` hook, which Fastify runs after the application-level
 * authentication hook (and before the body is parsed or validated, so invalid requests count too): only a credential
 * that was accepted gets a budget of its own. Public routes count per address. Bad credentials are limited before
 * authentication, per address, by the authentication hook's `AuthFailureLimit`.
 */
function callerKey(request: FastifyRequest): string {
  if (request.user) return request.user.apiKeyId ? `key:${request.user.apiKeyId}` : `session:${request.user.sessionId ?? request.user.id}`;
  return `ip:${request.ip}`;
}

/** Security headers, a CORS allow-list, and rate limits (stricter on sign-in). */
export async function installSecurity(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        // Served over plain HTTP inside government networks and on localhost; TLS is the proxy's job.
        upgradeInsecureRequests: null,
      },
    },
  });
  // CORS answers a preflight in its own onRequest hook, before authentication; its catch-all OPTIONS route only
  // answers preflights (anything else is a 404), so it is public.
  app.addHook('onRoute', (route) => {
    if (route.method === 'OPTIONS' && route.url === '*') route.config = { ...route.config, public: true };
  });
  await app.register(cors, { origin: options.corsOrigins.length ? options.corsOrigins : false, credentials: false });
  await app.register(rateLimit, {
    max: options.rateLimitPerMinute,
    timeWindow: '1 minute',
    keyGenerator: callerKey,
    errorResponseBuilder: (_request, context) =>
      HttpProblem.tooMany(text(`${context.after} 内请求超过 ${context.max} 次，请稍后再试`, `More than ${context.max} requests in ${context.after}; try again later`)),
  });
}
