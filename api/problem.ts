import type { FastifyError, FastifyInstance } from 'fastify';

/** One failing field, named by its path in the request (e.g. `body.scenario`). */
export interface FieldError {
  path: string;
  message: string;
}

/** An RFC 9457 problem: the only shape the API answers errors in. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

/** Thrown by handlers for an expected failure; rendered as problem+json with its status. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }

  static badRequest(path: string, message: string): HttpProblem {
    return new HttpProblem(400, 'Invalid request', `${path}: ${message}`, [{ path, message }]);
  }
  static unprocessable(path: string, message: string): HttpProblem {
    return new HttpProblem(422, 'Request cannot be processed', `${path}: ${message}`, [{ path, message }]);
  }
  static notFound(what: string): HttpProblem {
    return new HttpProblem(404, 'Not found', `${what} not found`);
  }
  static forbidden(detail: string): HttpProblem {
    return new HttpProblem(403, 'Forbidden', detail);
  }
  static unauthorized(detail = 'Sign in, or send an API key'): HttpProblem {
    return new HttpProblem(401, 'Unauthorized', detail);
  }
  static conflict(detail: string): HttpProblem {
    return new HttpProblem(409, 'Conflict', detail);
  }
  static unavailable(detail: string): HttpProblem {
    return new HttpProblem(503, 'Service unavailable', detail);
  }
}

const typeBase = 'https://gds.example.gov.cn/problems/';

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Ajv's issues as field paths: `body.scenario`, `query.limit`, `body.extra` for an unknown field. */
export function fieldErrors(validationContext: string, issues: AjvIssue[]): FieldError[] {
  const context = validationContext === 'querystring' ? 'query' : validationContext;
  return issues.map((issue) => {
    const base = [context, ...(issue.instancePath ?? '').split('/').filter(Boolean)].join('.');
    if (issue.keyword === 'required') {
      return { path: `${base}.${String(issue.params?.missingProperty)}`, message: 'is required' };
    }
    if (issue.keyword === 'additionalProperties') {
      return { path: `${base}.${String(issue.params?.additionalProperty)}`, message: 'is not a known field' };
    }
    return { path: base, message: issue.message ?? 'is invalid' };
  });
}

/** Socket-level failures of postgres.js and Node, before or during a query. */
const connectionErrorCodes = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);

/**
 * True when the error (or one it wraps, as drizzle does) says Postgres could not be reached or went away: a socket
 * error, a server shutting down or starting up (57P01–57P03), too many connections (53300), or an SQLSTATE of class 08.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (connectionErrorCodes.has(code) || code.startsWith('08') || code === '53300' || /^57P0[123]$/.test(code)) return true;
  }
  return false;
}

const databaseUnavailable = new HttpProblem(
  503,
  'Service unavailable',
  'The database cannot be reached just now, so the request may not have been recorded. Retry shortly: a submission retried with the same Idempotency-Key is never recorded twice.',
);

/**
 * A 500 does not know how far the request got: it says so, and how to find out, instead of promising nothing was lost.
 */
export const internalErrorDetail =
  '服务器内部错误，已记录。无法确定您提交的内容是否已保存：请先查看相关案件或待办再决定是否重试；以同一 Idempotency-Key 重试提交不会重复记录。 ' +
  'The error was logged. Whether anything you sent was saved is not known: look at the case or task before you retry; ' +
  'a submission retried with the same Idempotency-Key is never recorded twice.';

function toProblem(error: FastifyError | HttpProblem | Error): Problem {
  if (isDatabaseUnavailable(error)) error = databaseUnavailable;
  if (error instanceof HttpProblem) {
    return { type: typeBase + slug(error.title), title: error.title, status: error.status, detail: error.detail, errors: error.errors };
  }
  const fe = error as FastifyError & { validationContext?: string };
  if (fe.validation) {
    const errors = fieldErrors(fe.validationContext ?? 'body', fe.validation as AjvIssue[]);
    return {
      type: typeBase + 'invalid-request',
      title: 'Invalid request',
      status: 400,
      detail: errors.map((e) => `${e.path} ${e.message}`).join('; '),
      errors,
    };
  }
  const status = fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
  if (status < 500) {
    return { type: typeBase + slug(fe.code ?? 'bad-request'), title: fe.message, status };
  }
  return { type: typeBase + 'internal', title: 'Internal error', status: 500, detail: internalErrorDetail };
}

/** Every error leaves as problem+json; only 5xx are logged with their stack, never sent to the client. */
export function installProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const problem = toProblem(error);
    if (problem.status === 503) {
      request.log.warn({ err: error }, 'dependency unavailable');
      void reply.header('retry-after', '5');
    } else if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    void reply.status(problem.status).type('application/problem+json').send(problem);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply
      .status(404)
      .type('application/problem+json')
      .send({ type: typeBase + 'not-found', title: 'Not found', status: 404, detail: `${request.method} ${request.url} is not a route` });
  });
}
