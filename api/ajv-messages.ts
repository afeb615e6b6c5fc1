import type { FieldError } from './problem';

/** One issue of Ajv's, as Fastify hands it to the error handler. */
export interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const formatsZh: Record<string, string> = {
  'date-time': '带时区的日期时间（如 2026-12-07T09:00:00+08:00）',
  date: '日期（如 2026-12-07）',
  uuid: 'UUID 编号',
  uri: '网址',
  email: '电子邮箱地址',
};

const typesZh: Record<string, string> = {
  string: '文本',
  integer: '整数',
  number: '数字',
  boolean: '是或否（true/false）',
  object: '对象',
  array: '列表',
  null: '空值（null）',
};

/** Why the value is refused, in Chinese, by the JSON Schema keyword that refused it. */
function messageZh(issue: AjvIssue): string {
  const p = issue.params ?? {};
  const limit = String(p.limit ?? '');
  switch (issue.keyword) {
    case 'required':
      return '必填';
    case 'additionalProperties':
      return '不是可接受的字段';
    case 'maxLength':
      return `不能超过 ${limit} 个字`;
    case 'minLength':
      return limit === '1' ? '不能为空' : `至少 ${limit} 个字`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `不能${issue.keyword === 'maximum' ? '大于' : '大于或等于'} ${limit}`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `不能${issue.keyword === 'minimum' ? '小于' : '小于或等于'} ${limit}`;
    case 'maxItems':
      return `最多 ${limit} 项`;
    case 'minItems':
      return `至少 ${limit} 项`;
    case 'maxProperties':
      return `最多 ${limit} 个字段`;
    case 'minProperties':
      return `至少 ${limit} 个字段`;
    case 'uniqueItems':
      return '不能有重复项';
    case 'pattern':
      return '格式不符合要求';
    case 'format':
      return `应为${formatsZh[String(p.format)] ?? `${String(p.format)} 格式`}`;
    case 'enum': {
      const allowed = Array.isArray(p.allowedValues) ? p.allowedValues.map((v) => String(v)).join('、') : '';
      return `只能是以下之一：${allowed}`;
    }
    case 'const':
      return `只能是 ${String(p.allowedValue)}`;
    case 'type':
      return `应为${String(p.type)
        .split(',')
        .map((t) => typesZh[t] ?? t)
        .join('或')}`;
    case 'anyOf':
    case 'oneOf':
      return '不符合任何一种允许的格式';
    case 'multipleOf':
      return `应为 ${String(p.multipleOf)} 的倍数`;
    default:
      return '填写有误';
  }
}

/** Ajv's issues as field errors: `body.scenario`, `query.limit`, `body.extra` for an unknown field; both languages. */
export function ajvFieldErrors(validationContext: string, issues: AjvIssue[]): FieldError[] {
  const context = validationContext === 'querystring' ? 'query' : validationContext;
  return issues.map((issue) => {
    const base = [context, ...(issue.instancePath ?? '').split('/').filter(Boolean)].join('.');
    const code = issue.keyword ?? 'invalid';
    if (issue.keyword === 'required') {
      return { path: `${base}.${String(issue.params?.missingProperty)}`, code, message: 'is required', messageZh: messageZh(issue) };
    }
    if (issue.keyword === 'additionalProperties') {
      return { path: `${base}.${String(issue.params?.additionalProperty)}`, code, message: 'is not a known field', messageZh: messageZh(issue) };
    }
    return { path: base, code, message: issue.message ?? 'is invalid', messageZh: messageZh(issue) };
  });
}
