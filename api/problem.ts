import type { FastifyError, FastifyInstance } from 'fastify';
import { ajvFieldErrors, type AjvIssue } from './ajv-messages';
import { text, titleFor, type Text } from './problem-text';

export { text, type Text } from './problem-text';

/** One failing field, named by its path in the request (e.g. `body.scenario`), with why in both languages. */
export interface FieldError {
  path: string;
  /** Stable, for programs: the JSON Schema keyword (`required`, `maxLength` …) or the rule's own name. */
  code: string;
  message: string;
  messageZh: string;
}

/** An RFC 9457 problem: the only shape the API answers errors in. `titleZh`, `detailZh`: the same in 简体中文. */
export interface Problem {
  type: string;
  title: string;
  titleZh: string;
  status: number;
  detail?: string;
  detailZh?: string;
  errors?: FieldError[];
}

/** One failing field, for `HttpProblem`: its path, why (both languages), and a code (`invalid` unless named). */
export function fieldError(path: string, message: Text, code = 'invalid'): FieldError {
  return { path, code, message: message.en, messageZh: message.zh };
}

/** `path: message`, in each language, for the detail of a problem about fields. */
function fieldsDetail(errors: FieldError[]): Text {
  return text(errors.map((e) => `${e.path}：${e.messageZh}`).join('；'), errors.map((e) => `${e.path}: ${e.message}`).join('; '));
}

/** Thrown by handlers for an expected failure; rendered as problem+json with its status. */
export class HttpProblem extends Error {
  readonly title: Text;
  constructor(
    readonly status: number,
    readonly detail?: Text,
    readonly errors?: FieldError[],
    title?: Text,
  ) {
    super(detail?.en ?? titleFor(status).en);
    this.name = 'HttpProblem';
    this.title = title ?? titleFor(status);
  }

  /** A problem about request fields, its detail listing them. */
  static fields(status: number, errors: FieldError[]): HttpProblem {
    return new HttpProblem(status, fieldsDetail(errors), errors);
  }
  static badRequest(path: string, message: Text, code?: string): HttpProblem {
    return HttpProblem.fields(400, [fieldError(path, message, code)]);
  }
  static unprocessable(path: string, message: Text, code?: string): HttpProblem {
    return HttpProblem.fields(422, [fieldError(path, message, code)]);
  }
  /** A field the caller may not set as sent (403 naming it). */
  static fieldForbidden(path: string, message: Text, code?: string): HttpProblem {
    return HttpProblem.fields(403, [fieldError(path, message, code)]);
  }
  static notFound(what: Text): HttpProblem {
    return new HttpProblem(404, text(`${what.zh}不存在，或您无权查看`, `${what.en} not found`));
  }
  static forbidden(detail: Text): HttpProblem {
    return new HttpProblem(403, detail);
  }
  static unauthorized(detail = text('请先登录，或提供 API 密钥', 'Sign in, or send an API key')): HttpProblem {
    return new HttpProblem(401, detail);
  }
  static conflict(detail: Text): HttpProblem {
    return new HttpProblem(409, detail);
  }
  static tooMany(detail: Text): HttpProblem {
    return new HttpProblem(429, detail);
  }
  static unavailable(detail: Text): HttpProblem {
    return new HttpProblem(503, detail);
  }
}

const typeBase = 'https://gds.example.gov.cn/problems/';

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
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
  text(
    '暂时无法连接数据库，本次请求可能未被记录。请稍后重试：以同一 Idempotency-Key 重试提交不会重复记录。',
    'The database cannot be reached just now, so the request may not have been recorded. Retry shortly: a submission retried with the same Idempotency-Key is never recorded twice.',
  ),
);

/**
 * A 500 does not know how far the request got: it says so, and how to find out, instead of promising nothing was lost.
 */
export const internalErrorDetail = text(
  '服务器内部错误，已记录。无法确定您提交的内容是否已保存：请先查看相关案件或待办再决定是否重试；以同一 Idempotency-Key 重试提交不会重复记录。',
  'The error was logged. Whether anything you sent was saved is not known: look at the case or task before you retry; ' +
    'a submission retried with the same Idempotency-Key is never recorded twice.',
);

/** Fastify's own 4xx (a body too large, a media type it cannot parse, JSON that does not parse), in Chinese. */
const fastifyErrorsZh: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: '提交的内容超过大小上限',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: '不支持该内容类型（Content-Type），请以 JSON 提交',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Content-Length 与实际内容长度不符',
  FST_ERR_CTP_EMPTY_JSON_BODY: '声明为 JSON 的请求体为空',
  FST_ERR_CTP_INVALID_JSON_BODY: '请求体不是有效的 JSON',
  FST_ERR_BAD_URL: '请求地址无效',
};

function problemOf(status: number, detail: Text | undefined, errors?: FieldError[], title = titleFor(status)): Problem {
  return {
    type: typeBase + slug(title.en),
    title: title.en,
    titleZh: title.zh,
    status,
    ...(detail ? { detail: detail.en, detailZh: detail.zh } : {}),
    ...(errors ? { errors } : {}),
  };
}

function toProblem(error: FastifyError | HttpProblem | Error): Problem {
  if (isDatabaseUnavailable(error)) error = databaseUnavailable;
  if (error instanceof HttpProblem) return problemOf(error.status, error.detail, error.errors, error.title);
  const fe = error as FastifyError & { validationContext?: string };
  if (fe.validation) {
    const errors = ajvFieldErrors(fe.validationContext ?? 'body', fe.validation as AjvIssue[]);
    return problemOf(400, fieldsDetail(errors), errors);
  }
  const status = fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
  if (status < 500) {
    const zh = (fe.code && fastifyErrorsZh[fe.code]) ?? titleFor(status).zh;
    return problemOf(status, text(zh, fe.message));
  }
  return problemOf(500, internalErrorDetail);
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
      .send(problemOf(404, text(`没有这个地址：${request.method} ${request.url}`, `${request.method} ${request.url} is not a route`)));
  });
}
