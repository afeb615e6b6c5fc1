import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `npm run build:ui` puts the web app. */
export const uiDist = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'ui', 'dist');

/**
 * Paths the web app never answers: the API, its documentation and the operational endpoints keep their own 404s
 * (problem+json) — `/metrics` is absent on purpose when no token is set, and must not turn into the app's page.
 */
const notForTheApp = /^(api|docs|metrics|healthz|readyz)(\/|$)/;

/**
 * The task-queue web app on the API's origin: the built files of `ui/dist` at `/`, and `index.html` for every other
 * GET outside `/api` and `/docs`, so that a deep link (`/tasks/…`) opens the app. Registers nothing when the app has
 * not been built. Register it last.
 */
export function uiPlugin(root = uiDist) {
  return async (app: FastifyInstance) => {
    if (!existsSync(resolve(root, 'index.html'))) {
      app.log.info({ root }, 'web app not built (npm run build:ui): not serving it');
      return;
    }
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      cacheControl: false,
      setHeaders(reply, path) {
        // Hashed bundles never change; the page itself is always revalidated so a new build is picked up.
        reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.route({
      method: ['GET', 'HEAD'],
      url: '/*',
      schema: { hide: true },
      // The page's own query (/tasks?q=…) is the web app's to read and answer, in the person's language: the server
      // only sends the app, so a link with a refused character still opens it.
      config: { appShell: true },
      handler: (request, reply) => {
        // The matched (decoded) path, not the raw URL: `/%61pi/x` is `/api/x` to the router.
        if (notForTheApp.test((request.params as { '*'?: string })['*'] ?? '')) return reply.callNotFound();
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      },
    });
  };
}
