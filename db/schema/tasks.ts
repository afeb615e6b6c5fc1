import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { LegalBasis } from '../../rules/legal-basis';
import { departments, users } from './organisation';
import { requests } from './requests';

/** An extension request as stored on the task that decides it. */
export interface ExtensionRequestRecord {
  /** The task whose period would be extended. */
  taskId: string;
  n: number;
  unit: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
}

/** What starts a task's clock, as the text says it; for a step resumed after a return, the restart by analogy. */
export interface ClockTriggerRecord {
  zh: string;
  en: string;
  byAnalogy?: boolean;
}

/**
 * On a party's option: whether it lapses when its period ends (into `decision`, on `basis`), or stays open until the
 * party chooses; and the sentence that says so in each language.
 */
export interface OptionTermsRecord {
  lapses: boolean;
  decision?: string;
  basis?: string;
  zh: string;
  en: string;
}

export const taskStatuses = ['open', 'completed', 'cancelled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/** A human step of a process: who must act, by when, and how that deadline was computed. */
export const tasks = pgTable(
  'tasks',
  {
    /** Derived from the request, the step and its attempt, so a retried activity writes the same row. */
    id: text().primaryKey(),
    requestId: uuid()
      .notNull()
      .references(() => requests.id),
    step: text().notNull(),
    titleZh: text().notNull(),
    titleEn: text().notNull(),
    assigneeDepartmentId: text()
      .notNull()
      .references(() => departments.id),
    assigneeRole: text().notNull(),
    status: text({ enum: taskStatuses }).notNull().default('open'),
    overdue: boolean().notNull().default(false),
    /** The highest escalation rung reached so far. */
    rung: text(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    /** The calendar's explanation of `dueAt`: start, rule, article, each day skipped. */
    deadline: jsonb().$type<Record<string, unknown>>().notNull(),
    citation: jsonb().$type<Record<string, unknown>>(),
    /** What starts the clock (自收到申请之日起…); null on tasks opened before it was recorded. */
    trigger: jsonb().$type<ClockTriggerRecord>(),
    /** Set on a party's option: what happens when its period ends. */
    option: jsonb().$type<OptionTermsRecord>(),
    /** The decisions the step allows, and those that need written reasons (from the rule pack). */
    decisions: text().array().notNull().default([]),
    reasonRequiredFor: text().array().notNull().default([]),
    /** On the authority's task deciding an extension: what was asked, by whom, why (the decider must not decide blind). */
    extensionRequest: jsonb().$type<ExtensionRequestRecord>(),
    claimedBy: text().references(() => users.id),
    claimedAt: timestamp({ withTimezone: true }),
    completedBy: text().references(() => users.id),
    completedAt: timestamp({ withTimezone: true }),
    decision: text(),
    reason: text(),
    /** The instrument a refusal rests on, as the decider named it (Hebei draft art. 19; Anhui art. 21, 22; 2016 art. 12). */
    legalBasis: jsonb().$type<LegalBasis>(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('tasks_queue_idx').on(t.assigneeDepartmentId, t.status, t.dueAt),
    // An authority's level view (filtered through the request) and a department's queue of every status, walked in
    // due order so a page stops after its rows instead of sorting every match.
    index('tasks_due_idx').on(t.dueAt, t.id),
    index('tasks_assignee_due_idx').on(t.assigneeDepartmentId, t.dueAt, t.id),
    index('tasks_request_idx').on(t.requestId),
    // Keyword search finds a person's cases through the tasks they claimed or completed (api/search.ts).
    index('tasks_claimed_by_idx').on(t.claimedBy),
    index('tasks_completed_by_idx').on(t.completedBy),
    // Escalated tasks by rung, in due order: few of all tasks, so filtering them out of the due-order walk read
    // thousands of rows.
    index('tasks_rung_due_idx').on(t.rung, t.dueAt, t.id).where(sql`${t.rung} is not null`),
    // And `tasks_metrics_idx` (department, step, status) INCLUDE (due, completed, created, option), for the domain
    // metrics' index-only scan: declared in migration 0018's custom SQL, drizzle having no INCLUDE.
  ],
);
