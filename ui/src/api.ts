import type {
  Assignee,
  LegalBasis,
  Assessment,
  CalendarYear,
  CaseDetail,
  CaseSummary,
  CalendarFeed,
  Deadline,
  DeadlineOnDay,
  CatalogueEntry,
  Department,
  EscalationView,
  NegativeListEntry,
  OverdueList,
  ProofShown,
  Notification,
  Preview,
  Problem,
  Process,
  RulePackSummary,
  Session,
  Task,
  TaskListItem,
  User,
} from './types';
import type { Lang } from './i18n';

export interface TaskQuery {
  status?: 'open' | 'completed' | 'all';
  process?: string;
  rung?: string;
  overdue?: 'true' | 'false';
  scope?: 'mine' | 'level';
  department?: string;
  /** Keyword search: 受理编号, entry, scenario, description, department, person. */
  q?: string;
  sort?: 'dueAt' | 'receivedAt' | 'caseNumber' | 'catalogueEntryId' | 'createdAt';
  order?: 'asc' | 'desc';
  offset?: number;
  cursor?: string;
  limit?: number;
}

/** A case list's query: filters, keyword search, sort and paging. */
export interface CaseQuery {
  department?: string;
  overdue?: 'true';
  q?: string;
  sort?: 'createdAt' | 'receivedAt' | 'caseNumber' | 'status' | 'catalogueEntryId';
  order?: 'asc' | 'desc';
  offset?: number;
  cursor?: string;
  limit?: number;
}

/** The total a list's filters find (x-total-count), or null when the server does not say. */
const totalOf = (h: Headers): number | null => {
  const n = Number(h.get('x-total-count'));
  return h.has('x-total-count') && Number.isInteger(n) ? n : null;
};

/** An error answer of the API, as its RFC 9457 problem. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  /** The route itself does not exist yet (the backend has not shipped it): not the same as a missing record. */
  get routeMissing(): boolean {
    return this.problem.status === 404 && /is not a route$/.test(this.problem.detail ?? '');
  }
  /** What the API said, in `lang`: the detail, else the title. */
  text(lang: Lang): string {
    const p = this.problem;
    return lang === 'zh' ? (p.detailZh ?? p.titleZh) : (p.detail ?? p.title);
  }
  /** The field errors whose path is `prefix.field`, by field, in `lang`. */
  fieldErrors(lang: Lang, prefix = 'body'): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      if (e.path.startsWith(`${prefix}.`)) {
        const field = e.path.slice(prefix.length + 1).split('.')[0]!;
        const message = lang === 'zh' ? e.messageZh : e.message;
        out[field] = out[field] ? `${out[field]}${lang === 'zh' ? '；' : '; '}${message}` : message;
      }
    }
    return out;
  }
}

let token: string | null = null;
let onUnauthorized: () => void = () => undefined;

export function setToken(value: string | null): void {
  token = value;
}
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  raw?: boolean;
  /** The body as bytes (a file to save as it came). */
  blob?: boolean;
  /** Receives the response headers (e.g. `x-next-cursor`). */
  onHeaders?: (headers: Headers) => void;
}

async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...options.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError({ type: 'about:blank', title: 'Network error', titleZh: '无法连接服务器', status: 0, detail: (error as Error).message });
  }
  if (!response.ok) {
    let problem: Problem;
    try {
      problem = (await response.json()) as Problem;
    } catch {
      // Not the API's own answer (a proxy's error page): said by status.
      problem = { type: 'about:blank', title: response.statusText || 'Error', titleZh: `服务器返回错误（${response.status}）`, status: response.status };
    }
    if (response.status === 401 && path !== '/api/auth/login' && path !== '/api/auth/logout') onUnauthorized();
    throw new ApiError({ ...problem, status: problem.status ?? response.status });
  }
  options.onHeaders?.(response.headers);
  if (options.raw) return (await response.text()) as T;
  if (options.blob) return (await response.blob()) as T;
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The path of a case resource, by process. */
export const processPaths: Record<Process, string> = {
  'share-request': '/api/share-requests',
  'catalogue-change': '/api/catalogue-changes',
  'quality-dispute': '/api/quality-disputes',
  'negative-list': '/api/negative-list-applications',
  'data-inconsistency': '/api/data-inconsistencies',
};
export const processes = Object.keys(processPaths) as Process[];

const q = (params: Record<string, string | number | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
};

export const api = {
  login: (username: string, password: string) => request<Session>('/api/auth/login', { method: 'POST', body: { username, password } }),
  me: () => request<User>('/api/me'),
  /** Ends the session on the server (204); the token stops working at once. */
  logout: () => request<void>('/api/auth/logout', { method: 'POST' }),

  tasks: (params: TaskQuery = {}, signal?: AbortSignal) => request<TaskListItem[]>(`/api/tasks${q({ ...params })}`, { signal }),
  task: (taskId: string, signal?: AbortSignal) => request<Task>(`/api/tasks/${encodeURIComponent(taskId)}`, { signal }),
  /** One page of the queue, due soonest first, and the cursor of the next page. */
  tasksPage: async (params: TaskQuery, signal?: AbortSignal) => {
    let nextCursor: string | null = null;
    let total: number | null = null;
    const tasks = await request<TaskListItem[]>(`/api/tasks${q({ ...params })}`, {
      signal,
      onHeaders: (h) => {
        nextCursor = h.get('x-next-cursor');
        total = totalOf(h);
      },
    });
    return { tasks, nextCursor: nextCursor as string | null, total: total as number | null };
  },
  complete: (taskId: string, body: { decision: string; reason?: string; legalBasis?: LegalBasis; payload?: Record<string, string | null> }) =>
    request<Task>(`/api/tasks/${encodeURIComponent(taskId)}/complete`, { method: 'POST', body }),
  extension: (taskId: string, body: { n: number; reason: string }) =>
    request<{ decisionTaskId: string }>(`/api/tasks/${encodeURIComponent(taskId)}/extension`, { method: 'POST', body }),
  claim: (taskId: string) => request<Task>(`/api/tasks/${encodeURIComponent(taskId)}/claim`, { method: 'POST', body: {} }),
  release: (taskId: string) => request<Task>(`/api/tasks/${encodeURIComponent(taskId)}/release`, { method: 'POST', body: {} }),
  /** 可承办人员: the people who may take the task (the supervisor of its authority only). */
  assignees: (taskId: string, signal?: AbortSignal) => request<Assignee[]>(`/api/tasks/${encodeURIComponent(taskId)}/assignees`, { signal }),
  /** 指派: give an unclaimed task to a person. */
  assign: (taskId: string, userId: string) => request<Task>(`/api/tasks/${encodeURIComponent(taskId)}/assign`, { method: 'POST', body: { userId } }),
  /** 转办: give a held task to another person, with reasons. */
  reassign: (taskId: string, userId: string, reason: string) => request<Task>(`/api/tasks/${encodeURIComponent(taskId)}/reassign`, { method: 'POST', body: { userId, reason } }),

  /** One page of a process's cases visible to the caller, newest first, and the cursor of the next page. */
  casesPage: async (process: Process, params: CaseQuery, signal?: AbortSignal) => {
    let nextCursor: string | null = null;
    let total: number | null = null;
    const cases = await request<CaseSummary[]>(`${processPaths[process]}${q({ ...params })}`, {
      signal,
      onHeaders: (h) => {
        nextCursor = h.get('x-next-cursor');
        total = totalOf(h);
      },
    });
    return { cases, nextCursor: nextCursor as string | null, total: total as number | null };
  },
  case: (process: Process, id: string, signal?: AbortSignal) => request<CaseDetail>(`${processPaths[process]}/${encodeURIComponent(id)}`, { signal }),
  submit: (process: Process, body: Record<string, unknown>, idempotencyKey: string) =>
    request<CaseSummary>(processPaths[process], { method: 'POST', body, headers: { 'idempotency-key': idempotencyKey } }),

  /** Anhui art. 26 para. 3: records, while the review is pending, that the service applicant showed valid proof. */
  proofShown: (caseId: string, body: { holder: string; matter: string; proof: string }) =>
    request<{ requestId: string; proofShown: ProofShown[] }>(`/api/quality-disputes/${encodeURIComponent(caseId)}/proof-shown`, { method: 'POST', body }),

  notifications: (params: { unread?: 'true' } = {}, signal?: AbortSignal) => request<Notification[]>(`/api/notifications${q(params)}`, { signal }),
  markRead: (id: string) => request<{ id: string; readAt: string }>(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST', body: {} }),
  /** 全部标为已读: the caller's own notices up to the newest it was shown. */
  markAllRead: (upTo?: string) =>
    request<{ marked: number; readAt: string }>('/api/notifications/read-all', { method: 'POST', body: upTo ? { upTo } : {} }),
  escalations: (signal?: AbortSignal) => request<EscalationView[]>('/api/escalations', { signal }),
  calendarYear: (year: number, jurisdiction: string, signal?: AbortSignal) =>
    request<CalendarYear>(`/api/calendar/${year}${q({ jurisdiction })}`, { signal }),
  rules: (signal?: AbortSignal) => request<RulePackSummary[]>('/api/rules', { signal }),
  preview: (pack: string, flow: string, received: string, signal?: AbortSignal) =>
    request<Preview>(`/api/rules/${encodeURIComponent(pack)}/preview${q({ process: flow, received })}`, { signal }),

  catalogue: (signal?: AbortSignal) => request<CatalogueEntry[]>('/api/catalogue', { signal }),
  negativeList: (signal?: AbortSignal) => request<NegativeListEntry[]>('/api/negative-list', { signal }),
  departments: (signal?: AbortSignal) => request<Department[]>('/api/departments', { signal }),
  assessment: (from: string, to: string, signal?: AbortSignal) => request<Assessment>(`/api/assessment${q({ from, to })}`, { signal }),
  /** The CSV as bytes: its byte-order mark (which tells Excel it is UTF-8) must reach the file unchanged. */
  assessmentCsv: (from: string, to: string, lang: 'zh' | 'en') =>
    request<Blob>(`/api/assessment${q({ from, to, format: 'csv', lang })}`, { blob: true, headers: { accept: 'text/csv, application/problem+json' } }),
  assessmentOverdue: (from: string, to: string, departmentId: string, signal?: AbortSignal) =>
    request<OverdueList>(`/api/assessment/overdue${q({ from, to, departmentId })}`, { signal }),
  /** The department's open deadlines whose last day is in `month` (YYYY-MM). */
  calendarDeadlines: (month: string, signal?: AbortSignal) => request<DeadlineOnDay[]>(`/api/calendar/deadlines${q({ month })}`, { signal }),
  /** 期限计算器: `n` working days from `start`, explained day by day. */
  computeDeadline: (start: string, n: number, jurisdiction: string) => request<Deadline>(`/api/calendar/deadline${q({ start, n, jurisdiction })}`),
  calendarFeed: (signal?: AbortSignal) => request<CalendarFeed>('/api/calendar/feed', { signal }),
  /** A new subscription URL (its path is in the answer, this once); the one in use stops working. */
  createCalendarFeed: () => request<CalendarFeed>('/api/calendar/feed', { method: 'POST' }),
  revokeCalendarFeed: () => request<CalendarFeed>('/api/calendar/feed', { method: 'DELETE' }),
  deadlinesIcs: (departmentId: string) =>
    request<string>(`/api/departments/${encodeURIComponent(departmentId)}/deadlines.ics`, { raw: true, headers: { accept: 'text/calendar, application/problem+json' } }),
};

/** Saves text the API sent as a file (the request needed the bearer token, so a plain link would not do). */
export function saveFile(text: string | Blob, filename: string, type: string): void {
  const url = URL.createObjectURL(typeof text === 'string' ? new Blob([text], { type }) : text);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** A new key per form submission attempt series: the same key is reused when the same form is sent again. */
export function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
