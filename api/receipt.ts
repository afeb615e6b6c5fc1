import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { departments } from '../db/schema';
import type { AuthUser } from './plugins/auth';
import { HttpProblem } from './problem';
import { text } from './problem-text';

/**
 * How far back the competent data authority's reviewer may register a receipt date. 本地政策 Local policy, not law: no
 * regulation we follow sets such a window; it bounds how much of an escalation ladder a late registration can fire at
 * once. Set by `LATE_REGISTRATION_WINDOW_DAYS`.
 * @default 60 calendar days
 */
export const defaultLateRegistrationWindowDays = 60;

const clockSkewAllowanceMs = 60_000;
const dayMs = 86_400_000;

/** Who may state an earlier receipt date than now, and how much earlier. */
export interface ReceiptPolicy {
  /** Calendar days before now a registered receipt date may lie (local policy). */
  windowDays: number;
}

/** The policy from the environment; a value that is not a positive whole number of days fails at start-up. */
export function receiptPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): ReceiptPolicy {
  const raw = env.LATE_REGISTRATION_WINDOW_DAYS;
  if (raw === undefined || raw === '') return { windowDays: defaultLateRegistrationWindowDays };
  const windowDays = Number(raw);
  if (!Number.isInteger(windowDays) || windowDays < 1) throw new Error(`LATE_REGISTRATION_WINDOW_DAYS must be a positive whole number of days, not ${raw}`);
  return { windowDays };
}

/** What a submission says about its receipt, as sent. */
export interface ReceiptClaim {
  /** The body field that carries the date: `receivedAt`, or `changedAt` for a catalogue change. */
  field: 'receivedAt' | 'changedAt';
  at?: string;
  reason?: string;
  /** The department whose submission the authority registers (requester processes). */
  onBehalfOf?: string;
}

/** Who submits, and when it counts as received. */
export interface Receipt {
  department: typeof departments.$inferSelect;
  receivedAt: Date;
  /** Set when the authority registered an earlier receipt date: why, and under which window. */
  late?: { reason: string; windowDays: number; policy: 'local' };
}

/**
 * A receipt date is the receiving authority's statement. A department's submission is received now: a department
 * that sends a date, or names another department, is refused (403). Only the competent data authority's reviewer
 * registers a submission after the fact — on behalf of a department under it, always with the earlier date (no further
 * back than the window) and a reason (400 naming the field otherwise).
 *
 * @param side the department concerned: the requester (named by `onBehalfOf`) or the entry's provider
 */
export async function decideReceipt(
  db: Db,
  user: AuthUser,
  claim: ReceiptClaim,
  side: { callerIs: 'requester' | 'provider'; providerDepartmentId: string },
  policy: ReceiptPolicy,
): Promise<Receipt> {
  const dateField = `body.${claim.field}`;
  const reasonField = `body.${claim.field}Reason`;
  if (user.department.kind !== 'authority') {
    if (claim.at !== undefined) {
      throw HttpProblem.fieldForbidden(
        dateField,
        text('部门提交的材料以送达之时为收到时间；只有政务数据主管部门的审核人员可以登记更早的收到日期', 'a department’s submission is received when it arrives; only the competent data authority’s reviewer registers an earlier date'),
      );
    }
    if (claim.reason !== undefined) throw HttpProblem.fieldForbidden(reasonField, text('只有政务数据主管部门的审核人员可以登记更早的收到日期', 'only the competent data authority’s reviewer registers an earlier date'));
    if (claim.onBehalfOf !== undefined) throw HttpProblem.fieldForbidden('body.onBehalfOf', text('只有政务数据主管部门的审核人员可以代部门登记', 'only the competent data authority’s reviewer registers a submission for a department'));
    return { department: user.department, receivedAt: new Date() };
  }
  if (!user.roles.includes('authority-reviewer')) {
    throw HttpProblem.forbidden(text('只有政务数据主管部门的审核人员可以代部门登记', 'Only the competent data authority’s reviewer registers a submission for a department'));
  }
  // A department submits its own cases; the authority steps in only for one received earlier and not yet registered.
  if (claim.at === undefined) throw HttpProblem.badRequest(dateField, text('必填：主管部门只能事后代为登记，须写明实际收到的日期', 'is required: the authority registers a submission only after the fact, with the date it was received'), 'required');
  const department = await departmentConcerned(db, user, claim, side);
  const at = new Date(claim.at);
  if (Number.isNaN(at.getTime())) throw HttpProblem.badRequest(dateField, text('不是有效的日期时间', 'is not a valid instant'));
  if (at.getTime() > Date.now() + clockSkewAllowanceMs) throw HttpProblem.badRequest(dateField, text('不能晚于现在', 'must not be in the future'), 'future');
  if (at.getTime() < Date.now() - policy.windowDays * dayMs) {
    throw HttpProblem.badRequest(
      dateField,
      text(`最多只能追溯 ${policy.windowDays} 天（本地政策 LATE_REGISTRATION_WINDOW_DAYS，非法律规定）`, `may lie at most ${policy.windowDays} days back (local policy, LATE_REGISTRATION_WINDOW_DAYS)`),
      'tooEarly',
    );
  }
  const reason = claim.reason?.trim();
  if (!reason) throw HttpProblem.badRequest(reasonField, text('登记较早的收到日期时必填：说明为何补登', `is required with an earlier ${claim.field}: why the submission is registered late`), 'required');
  return { department, receivedAt: at, late: { reason, windowDays: policy.windowDays, policy: 'local' } };
}

/** The department under the reviewer's authority whose submission this is. */
async function departmentConcerned(
  db: Db,
  user: AuthUser,
  claim: ReceiptClaim,
  side: { callerIs: 'requester' | 'provider'; providerDepartmentId: string },
): Promise<typeof departments.$inferSelect> {
  const field = side.callerIs === 'requester' ? 'body.onBehalfOf' : 'body.catalogueEntryId';
  let id = side.providerDepartmentId;
  if (side.callerIs === 'requester') {
    if (!claim.onBehalfOf) throw HttpProblem.badRequest('body.onBehalfOf', text('必填：代为登记的是哪个部门的申请', 'is required: the department whose submission you register'), 'required');
    id = claim.onBehalfOf;
  } else if (claim.onBehalfOf !== undefined && claim.onBehalfOf !== id) {
    throw HttpProblem.unprocessable('body.onBehalfOf', text('须为提供该目录条目的部门（或不填）', 'must be the department that provides the entry (or left out)'));
  }
  const [department] = await db.select().from(departments).where(eq(departments.id, id));
  if (!department || department.kind !== 'department' || department.authorityId !== user.departmentId) {
    throw HttpProblem.unprocessable(field, text(`${id} 不是本主管部门管辖的部门`, `${id} is not a department under your authority`));
  }
  return department;
}
