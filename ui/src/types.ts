/** The API's shapes, as the web app reads them (api/schemas/*.ts). */

/** The kinds of instrument a refusal may rest on (api/schemas/tasks.ts LegalBasisSchema). */
export type LegalBasisKind = 'law' | 'administrative-regulation' | 'local-regulation' | 'national-policy';

/** The legal basis a decider names with a refusal. */
export interface LegalBasis {
  kind: LegalBasisKind;
  title: string;
  article: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  departmentId: string;
  departmentNameZh: string;
  departmentNameEn: string;
  /** The region of the user's department (hebei, anhui, national…); absent in sessions saved before it was sent. */
  departmentJurisdiction?: string;
  roles: string[];
}

export interface Session {
  token: string;
  expiresAt: string;
  user: User;
}

export type SkipReason = 'weekend' | 'holiday' | 'regional-holiday' | 'unknown-year';

export interface Deadline {
  start: string;
  startDate: string;
  n: number;
  unit: 'working-days' | 'days' | string;
  jurisdiction: string;
  due: string;
  endsAt: string;
  provisional: boolean;
  provisionalReason?: string;
  skipped: { date: string; reason: SkipReason | string; name?: string }[];
  counted: { date: string; makeUp?: boolean; name?: string; rollover?: boolean }[];
  rule: string;
  sources: string[];
  extensions?: number[];
}

/** A deadline in brief, as task lists give it; the task itself explains it day by day. */
export interface DeadlineSummary extends Pick<Deadline, 'start' | 'startDate' | 'n' | 'unit' | 'jurisdiction' | 'due' | 'endsAt' | 'provisional' | 'rule'> {
  skippedDays: number;
  skippedWeekendDays: number;
  holidays: string[];
  makeUpDaysCounted: number;
  extensions: number[];
}

export interface Citation {
  source: string;
  article: string;
  textZh: string;
  textEn: string;
  note?: string;
  /** The Chinese is our back-translation from an English source (Hebei 2016, parts of Anhui), not the original. */
  zhBackTranslated?: boolean;
  /** The article applies by analogy (参照): a step resumed after a return. */
  byAnalogy?: boolean;
}

/** What starts a task's clock, as the text says it; for a resumed step, the restart by analogy. */
export interface ClockTrigger {
  zh: string;
  en: string;
  byAnalogy?: boolean;
}

/** On a party's option: whether it lapses at the due instant, or stays open until the party chooses. */
export interface OptionTerms {
  lapses: boolean;
  decision?: string;
  basis?: 'law' | 'draft' | 'policy' | string;
  zh: string;
  en: string;
}

/** A text in force for a case's jurisdiction on its receipt date (api/schemas/hierarchy.ts). */
export interface ApplicableText {
  id: string;
  titleZh: string;
  titleEn: string;
  /** 文号, e.g. 国务院令第809号, where known. */
  number?: { zh: string; en: string };
  rank: string;
  rankLabel: { zh: string; en: string };
  jurisdiction: string;
  inForce: { from: string; to?: string } | null;
  binding: boolean;
  /** Whether its rules are loaded into this system. */
  loaded: boolean;
  pack: string | null;
  /** Whether the deadlines shown are computed from it. */
  deadlinesFrom: boolean;
  note: { zh: string; en: string };
}

/** Set when a higher text applies whose rules are not loaded: the deadlines are then not all the law that applies. */
export interface HierarchyWarning {
  code: 'higher-text-not-loaded' | string;
  texts: string[];
  zh: string;
  en: string;
}

/** What a case, its task (GET /api/tasks/:id) and the rules preview say of the texts that apply. */
export interface TextsOfCase {
  applicableTexts?: ApplicableText[];
  warning?: HierarchyWarning | null;
}

export interface TimeLeft {
  state: 'running' | 'due-today' | 'overdue';
  overdue: boolean;
  workingDays: number;
}

export interface Task extends TextsOfCase {
  id: string;
  requestId: string;
  step: string;
  titleZh: string;
  titleEn: string;
  assigneeDepartmentId: string;
  assigneeRole: string;
  status: 'open' | 'completed' | 'cancelled' | string;
  overdue: boolean;
  rung: string | null;
  dueAt: string;
  deadline: Deadline;
  citation: Citation | null;
  /** What starts the clock (null on tasks opened before it was recorded). */
  trigger?: ClockTrigger | null;
  /** Set on a party's option: what happens when its period ends. */
  option?: OptionTerms | null;
  decisions: string[];
  reasonRequiredFor: string[];
  /** What a refusal on this step must rest on under the case's text; null where the step cannot refuse. */
  legalBasisRule?: { requiredFor: string[]; classing: boolean; kinds: LegalBasisKind[]; citation: { source: string; article: string } } | null;
  /** The legal basis given with the decision, once decided. */
  legalBasis?: LegalBasis | null;
  /** On the authority's task deciding an extension: the request it decides, with its reasons. */
  extensionRequest?: { taskId: string; n: number; unit: string; reason: string; requestedBy: string; requestedAt: string } | null;
  timeLeft: TimeLeft | null;
  decision: string | null;
  reason: string | null;
  completedBy: string | null;
  /** 承办人: who completed it, by name (a case's tasks, the task list and GET /api/tasks/:id); null when the case closed it. */
  completedByName?: string | null;
  completedAt: string | null;
  createdAt: string;
  claimedBy: string | null;
  /** Who claimed it, by name (task list and GET /api/tasks/:id). */
  claimedByName?: string | null;
  claimedAt: string | null;
  /** Given in the task list (GET /api/tasks), not in a case's tasks. */
  process?: Process;
  requesterDepartmentId?: string;
  catalogueEntryId?: string | null;
  /** The case's 受理编号, scenario, entry name and receipt (task list and GET /api/tasks/:id). */
  caseNumber?: string;
  scenario?: string | null;
  entryNameZh?: string | null;
  entryNameEn?: string | null;
  receivedAt?: string;
}

export type Process = 'share-request' | 'catalogue-change' | 'quality-dispute' | 'negative-list' | 'data-inconsistency';

export interface CaseSummary {
  id: string;
  /** 受理编号, e.g. 冀数共申〔2026〕0001号. */
  caseNumber: string;
  /** The catalogue entry's name (in case lists). */
  entryNameZh?: string | null;
  entryNameEn?: string | null;
  process: Process;
  status: string;
  jurisdiction: string;
  pack: string;
  requesterDepartmentId: string;
  providerDepartmentId: string | null;
  authorityDepartmentId: string;
  catalogueEntryId: string | null;
  scenario: string | null;
  /** What the submission said: a share request's basis, a dispute's description and evidence, a negative-list application's legal basis and reasons… */
  details?: Record<string, unknown>;
  receivedAt: string;
  workflowId: string;
  outcome: string | null;
  closedAt: string | null;
}

export interface Escalation {
  id: string;
  taskId: string;
  rung: string;
  scheduledAt: string;
  firedAt: string;
  responsibleDepartmentId: string;
  /** law / draft / policy; null on rungs of cases started before it was recorded. */
  basis?: 'law' | 'draft' | 'policy' | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  action: string;
  actorUserId: string | null;
  actorDepartmentId: string | null;
  taskId: string | null;
  details: Record<string, unknown>;
}

export interface CaseDetail extends CaseSummary, TextsOfCase {
  /** Anhui art. 26 para. 3 on a data-quality dispute: the rule, its citation, and whether the review is pending. */
  reviewProtection?: ReviewProtection | null;
  tasks: Task[];
  escalations: Escalation[];
  timeline: AuditEntry[];
}

/** What a hand-off notice announces: who did what on which step, and when. */
export interface NoticeAct {
  kind: 'submitted' | 'decided' | 'lapsed' | 'extension-requested' | 'reported' | 'assigned' | 'reassigned';
  /** 指派 / 转办: who gave the task, by name. */
  byName?: string;
  at: string;
  departmentId?: string;
  departmentNameZh?: string;
  departmentNameEn?: string;
  step?: string;
  stepTitleZh?: string;
  stepTitleEn?: string;
  decision?: string;
  reason?: string;
  extension?: { n: number; unit: string };
}

export interface NoticeDetails {
  scheduledAt?: string;
  explanationZh?: string;
  explanationEn?: string;
  basis?: string;
  /** The step now due (a hand-off) or the step escalated (an escalation), and its department. */
  stepTitleZh?: string;
  stepTitleEn?: string;
  dueAt?: string;
  previousDueAt?: string;
  responsibleDepartmentId?: string;
  responsibleNameZh?: string;
  responsibleNameEn?: string;
  act?: NoticeAct;
  outcome?: string;
  textZh?: string;
  textEn?: string;
  [key: string]: unknown;
}

export interface Notification {
  id: string;
  kind: string;
  titleZh: string;
  titleEn: string;
  requestId: string | null;
  taskId: string | null;
  details?: NoticeDetails;
  /** Which case: the process and the catalogue entry by name. */
  case: { process: string; caseNumber?: string; catalogueEntryId: string | null; entryNameZh: string | null; entryNameEn: string | null; requesterDepartmentId: string } | null;
  /** The notice's task as it stands now. */
  task: { step: string; titleZh: string; titleEn: string; assigneeDepartmentId: string; dueAt: string; status: string } | null;
  createdAt: string;
  readAt: string | null;
}

export interface DayStatus {
  date: string;
  working: boolean;
  kind: 'workday' | 'weekend' | 'holiday' | 'make-up' | 'regional-holiday' | string;
  name?: string;
  provisional: boolean;
}

/** An open task of the department whose last day is on the calendar page's month. */
export interface DeadlineOnDay {
  taskId: string;
  requestId: string;
  process: string;
  step: string;
  titleZh: string;
  titleEn: string;
  /** The case in a few words, in Chinese: 共享申请（公共交通卡数据 HB-JTYST-0001）. */
  caseZh: string;
  caseEn: string;
  catalogueEntryId: string | null;
  lastDay: string;
  dueAt: string;
  overdue: boolean;
  provisional: boolean;
  /** A party's option that stays open: the date is a reminder point. */
  suggested: boolean;
}

/** The caller's calendar subscription; `path` only in the answer that created it. */
export interface CalendarFeed {
  active: boolean;
  id: string | null;
  createdAt: string | null;
  lastUsedAt: string | null;
  path?: string;
}

export interface CalendarYear {
  year: number;
  jurisdiction: string;
  status: 'built-in' | 'published' | 'unknown';
  provisional: boolean;
  notice: { title?: string; documentNumber?: string; issuer?: string; publishedOn?: string; url?: string } | null;
  festivals: Record<string, unknown>[];
  publishedAt: string | null;
  days: DayStatus[];
}

export interface RulePackSummary {
  id: string;
  version: string;
  titleZh: string;
  titleEn: string;
  jurisdiction: string;
  bindable: boolean;
  flows: string[];
}

export interface PreviewStep {
  stepId: string;
  actor: string;
  role: string;
  titleZh: string;
  titleEn: string;
  period: { n?: number; unit?: string };
  periodBasis: 'law' | 'draft' | 'policy' | string;
  policy?: { zh?: string; en?: string };
  immediate?: boolean;
  extension?: { max?: { n: number; unit: string }; approvedBy?: string };
  citation: Citation;
  /** What starts the clock, as the text says it. */
  trigger?: ClockTrigger;
  /** On a party's option: what happens when its period ends. */
  option?: OptionTerms;
}

export interface Preview {
  pack: string;
  flow: string;
  steps: PreviewStep[];
}

export interface CatalogueEntry {
  id: string;
  nameZh: string;
  nameEn: string;
  providerDepartmentId: string;
  providerNameZh?: string;
  providerNameEn?: string;
  sharingAttribute: 'unconditional' | 'conditional' | 'not-shared' | string;
  updateFrequency: string;
  securityLevel: string;
  scopeOfUse: string;
  conditions?: string | null;
  legalBasis?: string | null;
  dataFormat?: string | null;
  updatedAt?: string;
}

export interface Department {
  id: string;
  nameZh: string;
  nameEn: string;
  kind?: string;
  level?: string;
  jurisdiction?: string;
  authorityId?: string | null;
}

export interface NegativeListEntry {
  catalogueEntryId: string;
  nameZh: string;
  nameEn: string;
  providerDepartmentId: string;
  legalBasis: string;
  requestId: string;
  approvedBy: string;
  listedAt: string;
  filedAt: string | null;
}

export interface EscalationView {
  id: string;
  taskId: string;
  requestId: string;
  process: Process;
  taskTitleZh: string;
  taskTitleEn: string;
  rung: string;
  /** law / draft / policy; null on rungs of cases started before it was recorded. */
  basis: 'law' | 'draft' | 'policy' | null;
  stepTitleZh: string;
  stepTitleEn: string;
  /** When the step was due when the rung fired. */
  dueAt: string;
  timeLimitEndsAt: string | null;
  notified: string[];
  scheduledAt: string;
  firedAt: string;
  responsibleDepartmentId: string;
  explanation: { zh?: string; en?: string; [key: string]: unknown } | null;
}

/** One department's record over a period: what each measure counts is said on the page (api/assessment.ts). */
export interface DepartmentAssessment {
  departmentId: string;
  /** Tasks whose time limit ends in the period. */
  tasksDue: number;
  /** Tasks completed in the period, whenever they were due (on time + late). */
  completed: number;
  completedOnTime: number;
  completedLate: number;
  /** Tasks due in the period, still open past their time limit. */
  openOverdue: number;
  /** On time ÷ (completed in the period + open overdue). */
  onTimeRate: number | null;
  medianLatenessWorkingDays: number | null;
  worstLatenessWorkingDays: number | null;
  escalations: Record<'reminder' | 'overdue' | 'rectification' | 'government-report', number>;
}

export interface Assessment {
  authorityDepartmentId: string;
  from: string;
  to: string;
  departments: DepartmentAssessment[];
  /** Every week of the period, its first and last day inside the period, and the overdue notices fired in it. */
  overdueByWeek: { week: string; start: string; end: string; overdue: number }[];
}

/** A task behind a department's lateness (GET /api/assessment/overdue). */
export interface OverdueItem {
  taskId: string;
  requestId: string;
  process: Process;
  step: string;
  titleZh: string;
  titleEn: string;
  catalogueEntryId: string | null;
  scenario: string | null;
  dueAt: string;
  completedAt: string | null;
  state: 'completed-late' | 'open-overdue';
  latenessWorkingDays: number;
}

export interface OverdueList {
  departmentId: string;
  from: string;
  to: string;
  total: number;
  items: OverdueItem[];
}

/** One failing field of a request, with why in both languages (the API's `errors[]`). */
export interface FieldError {
  path: string;
  code: string;
  message: string;
  messageZh: string;
}

export interface Problem {
  type: string;
  title: string;
  titleZh: string;
  status: number;
  detail?: string;
  detailZh?: string;
  errors?: FieldError[];
}

/** A row of the task list (GET /api/tasks): the task with its deadline in brief. */
export type TaskListItem = Omit<Task, 'deadline'> & { deadline: DeadlineSummary };

/** A service applicant's proof recorded while a review is pending (Anhui art. 26 para. 3). */
export interface ProofShown {
  holder: 'natural-person' | 'legal-person' | 'unincorporated-organisation';
  matter: string;
  proof: string;
  recordedAt: string;
  recordedBy: string;
  departmentId: string;
}

export interface ReviewProtection {
  zh: string;
  en: string;
  pending: boolean;
  citation: Citation;
}

/** A person who may take a task (指派 / 转办), for the supervisor's picker. */
export interface Assignee {
  id: string;
  displayName: string;
  /** Open tasks this person holds now. */
  openTasks: number;
  holdsTask: boolean;
}
