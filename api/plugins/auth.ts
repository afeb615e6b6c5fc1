import type { FastifyInstance, FastifyPluginAsync, FastifyPluginCallback, FastifyRequest, preHandlerAsyncHookHandler, RouteOptions } from 'fastify';
import type { Db } from '../../db/client';
import type { Role } from '../../db/schema';
import { AuthFailureLimit } from '../auth/failure-limit';
import { userForToken, type AuthUser } from '../auth/credentials';
import { HttpProblem } from '../problem';
import { roleZh, text } from '../problem-text';

export { apiKeyPrefix, createSession, hashToken, loadUser, type AuthUser } from '../auth/credentials';

declare module 'fastify' {
  interface FastifyRequest {
    user?: AuthUser;
  }
  interface FastifyContextConfig {
    /** The route answers without a credential. Every other route needs one: authentication is the default. */
    public?: boolean;
  }
  interface FastifyInstance {
    /** Every route registered, with whether it is public: what the authentication hook decides on. */
    routeAccess: RouteAccess[];
  }
}

/** A registered route and whether it answers without a credential. */
export interface RouteAccess {
  method: string;
  url: string;
  readonly public: boolean;
}

/**
 * Records every route as it is registered. Call it first, before any plugin adds routes, so that none is missed; a
 * route's `public` is read when asked, after every `onRoute` hook has had its say.
 */
export function recordRouteAccess(app: FastifyInstance): void {
  const routes: RouteAccess[] = [];
  app.decorate('routeAccess', routes);
  app.addHook('onRoute', (route: RouteOptions) => {
    for (const method of [route.method].flat()) {
      routes.push({
        method,
        url: route.url,
        get public() {
          return route.config?.public === true;
        },
      });
    }
  });
}

/** Registers `plugin` so that every route it adds is public (the documentation, the web app's files). */
export function publicRoutes<O extends Record<string, unknown>>(plugin: FastifyPluginAsync<O> | FastifyPluginCallback<O>, options?: O): FastifyPluginAsync {
  return async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true };
    });
    await scope.register(plugin, options ?? ({} as O));
  };
}

function credentialOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const apiKey = request.headers['x-api-key'];
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  if (typeof apiKey === 'string') return apiKey.trim() || undefined;
  return undefined;
}

export interface AuthenticationOptions {
  /** A session ends after this long without a request. */
  sessionIdleMs: number;
  /** Failed authentications an address may have per minute before it is refused without a lookup. */
  failuresPerMinute: number;
}

/**
 * Every route needs a valid credential unless it is declared public (`config: { public: true }`). The decision is on
 * the route Fastify matched (its decoded path), never on the raw URL, so `/%61pi/…` is `/api/…` here too. A request
 * that matches no route gets its 404 without one. Failed attempts count per address, and an address past its budget
 * gets 429 before any credential is looked up.
 */
export function installAuthentication(app: FastifyInstance, db: Db, options: AuthenticationOptions): void {
  const failures = new AuthFailureLimit(options.failuresPerMinute);
  app.addHook('onRequest', async (request: FastifyRequest, reply) => {
    if (request.routeOptions.config?.public === true || request.is404) return;
    const wait = failures.retryAfter(request.ip);
    if (wait > 0) {
      void reply.header('retry-after', String(wait));
      throw HttpProblem.tooMany(text(`此地址登录失败或凭据无效的次数过多，请 ${wait} 秒后再试`, `Too many failed sign-ins or bad credentials from this address; try again in ${wait} s`));
    }
    const token = credentialOf(request);
    if (!token) {
      failures.record(request.ip);
      throw HttpProblem.unauthorized();
    }
    const user = await userForToken(db, token, options.sessionIdleMs);
    if (!user) {
      failures.record(request.ip);
      throw HttpProblem.unauthorized(text('登录已过期或凭据无效，请重新登录', 'The session has expired or the token is not valid'));
    }
    request.user = user;
  });
}

/** The caller; every route that is not public has one. */
export function caller(request: FastifyRequest): AuthUser {
  if (!request.user) throw HttpProblem.unauthorized();
  return request.user;
}

/**
 * A route's declared roles: the caller must hold at least one. For an API key these are the key's roles (a subset of
 * its creator's), so a key is bounded by them on every route that declares roles.
 */
export function allow(...allowed: Role[]): preHandlerAsyncHookHandler {
  return async (request) => {
    const user = caller(request);
    if (!user.roles.some((r) => allowed.includes(r))) {
      throw HttpProblem.forbidden(text(`此操作须由以下角色之一办理：${allowed.map(roleZh).join('、')}`, `This action needs one of the roles: ${allowed.join(', ')}`));
    }
  };
}

/**
 * For what only a signed-in person may do — managing the department's API keys and webhook, its own sessions and
 * password: an API key (a department system) is refused, whatever its roles.
 */
export const peopleOnly: preHandlerAsyncHookHandler = async (request) => {
  if (caller(request).apiKeyId) throw HttpProblem.forbidden(text('此操作不能使用 API 密钥，须由本人登录后办理', 'An API key cannot do this; a person signed in must'));
};
