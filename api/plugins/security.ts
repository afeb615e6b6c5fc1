import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { HttpProblem } from '../problem';

export interface SecurityOptions {
  /** Requests per minute per caller (token or key, else IP). */
  rateLimitPerMinute: number;
  /** Sign-in attempts per minute per IP and user name. */
  loginAttemptsPerMinute: number;
  /** Origins allowed to call the API from a browser; the web app itself is same-origin and needs none. */
  corsOrigins: string[];
}

export function securityOptionsFromEnv(env = process.env): SecurityOptions {
  return {
    rateLimitPerMinute: Number(env.RATE_LIMIT_PER_MINUTE ?? 600),
    loginAttemptsPerMinute: Number(env.LOGIN_ATTEMPTS_PER_MINUTE ?? 10),
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
  };
}

/** Limits count per credential, so departments behind one gateway do not share a budget; never the secret itself. */
function callerKey(request: FastifyRequest): string {
  const credential = request.headers.authorization ?? request.headers['x-api-key'];
  if (typeof credential === 'string' && credential) return createHash('sha256').update(credential).digest('hex').slice(0, 32);
  return request.ip;
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
  await app.register(cors, { origin: options.corsOrigins.length ? options.corsOrigins : false, credentials: false });
  await app.register(rateLimit, {
    max: options.rateLimitPerMinute,
    timeWindow: '1 minute',
    keyGenerator: callerKey,
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(429, 'Too many requests', `More than ${context.max} requests in ${context.after}; try again later`),
  });
}
