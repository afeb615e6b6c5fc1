import { NATIONAL } from '../calendar';
import type { AuthUser } from './plugins/auth';
import { text, type Text } from './problem-text';

/**
 * Who keeps which calendar. The national schedule (the State Council's notices) is kept by the national authority's
 * supervisors; a region's overlay (its own days off) by the supervisors of that province's competent data
 * authority; an admin keeps every one. A city authority, another province's, or a reviewer keeps none. Keepers
 * publish a year not yet in force, and propose, approve (never their own) and reject amendments.
 */
export function keepsCalendar(user: AuthUser, jurisdiction: string): boolean {
  if (user.roles.includes('admin')) return true;
  if (!user.roles.includes('authority-supervisor')) return false;
  const d = user.department;
  if (jurisdiction === NATIONAL) return d.level === 'national' && (d.kind === 'authority' || d.kind === 'upper-authority');
  return d.kind === 'authority' && d.level === 'province' && d.jurisdiction === jurisdiction;
}

/** Why `user` may not act on `jurisdiction`'s calendar (for a 403), bilingual. */
export function notKeeperDetail(jurisdiction: string): Text {
  return jurisdiction === NATIONAL
    ? text('全国节假日安排由国家数据主管部门（或系统管理员）发布和修订。', 'Only the national authority (or an admin) publishes and amends national years.')
    : text('地方节假日安排仅由本省政务数据主管部门发布和修订。', `Only ${jurisdiction}'s provincial data authority (or an admin) publishes and amends its regional overlay.`);
}

/** The jurisdictions whose calendars `user` keeps, among `known`. */
export function keptJurisdictions(user: AuthUser, known: readonly string[]): string[] {
  return known.filter((j) => keepsCalendar(user, j));
}
