/**
 * The words of the API's errors in both languages. Every problem and every field error carries its Chinese and its
 * English text, each complete on its own, so a client shows one language without parsing the other.
 */

/** A message in 简体中文 and in English. */
export interface Text {
  zh: string;
  en: string;
}

/** A message in both languages (Chinese first, as the interface shows them). */
export function text(zh: string, en: string): Text {
  return { zh, en };
}

/**
 * A workflow validator's message in its wire format, `English / 中文` (workflow code runs in a sandbox and carries
 * one string): the two halves, or the whole as English with `zh` as the Chinese when there is no Chinese half.
 */
export function fromWire(message: string, zh: string): Text {
  const halves = /^(.*) \/ ([^/]*[\u4e00-\u9fff][^/]*)$/su.exec(message);
  return halves ? { en: halves[1]!, zh: halves[2]! } : { en: message, zh };
}

/** The title of a problem by its status. */
export const statusTitles: Record<number, Text> = {
  400: text('请求有误', 'Invalid request'),
  401: text('未登录或登录已失效', 'Unauthorized'),
  403: text('无权办理', 'Forbidden'),
  404: text('未找到', 'Not found'),
  405: text('不支持该请求方式', 'Method not allowed'),
  406: text('无法提供所要求的格式', 'Not acceptable'),
  409: text('状态已变化，无法办理', 'Conflict'),
  413: text('提交的内容过大', 'Payload too large'),
  415: text('不支持的内容类型', 'Unsupported media type'),
  422: text('无法受理', 'Request cannot be processed'),
  429: text('请求过于频繁', 'Too many requests'),
  500: text('服务器内部错误', 'Internal error'),
  503: text('服务暂时不可用', 'Service unavailable'),
};

/** The title for a status without one of its own: the class's. */
export function titleFor(status: number): Text {
  return statusTitles[status] ?? (status >= 500 ? statusTitles[500]! : statusTitles[400]!);
}

/** What a thing not found is called (`HttpProblem.notFound`). */
export const things = {
  task: text('待办事项', 'Task'),
  case: text('案件', 'Case'),
  session: text('会话', 'Session'),
  amendment: text('日历修订', 'Amendment'),
  proposal: text('规则包提议', 'Proposal'),
  packVersion: text('规则包版本', 'Rule pack version'),
  apiKey: text('API 密钥', 'API key'),
  departmentFeed: text('部门日历订阅', 'Department feed'),
  calendarSubscription: text('日历订阅', 'Calendar subscription'),
  notification: text('通知', 'Notification'),
  department: text('部门', 'Department'),
  webhook: text('Webhook 回调地址', 'Webhook'),
} as const;

/** The roles as problems name them (the web app's labels, ui/src/labels.ts). */
const rolesZh: Record<string, string> = {
  requester: '需求部门',
  provider: '提供部门',
  'authority-reviewer': '主管部门审核人',
  'authority-supervisor': '主管部门督办人',
  'government-approver': '本级人民政府审批人',
  admin: '系统管理员',
};

/** A role's Chinese name, for a problem's Chinese text. */
export function roleZh(role: string): string {
  return rolesZh[role] ?? role;
}

/** A proposal's or amendment's status, as the Chinese of "is already …". */
export function statusZh(status: string): string {
  return ({ pending: '提出，待批准', approved: '批准', rejected: '驳回', withdrawn: '撤回', published: '发布' } as Record<string, string>)[status] ?? status;
}
