import { and, count, eq, max, sum } from 'drizzle-orm';
import {
  BUILT_IN_OVERLAYS,
  BUILT_IN_YEARS,
  NATIONAL,
  createCalendar,
  nationalCalendar,
  type Calendar,
  type RegionOverlay,
  type RegionYear,
  type YearSchedule,
} from '../calendar';
import type { Db } from './client';
import { calendarRegionYears, calendarYears } from './schema';

/** A transaction, or the database itself. */
export type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

/** A year of one jurisdiction's calendar, as it reads now, and where that comes from. */
export interface YearInForce {
  schedule: YearSchedule | RegionYear;
  /** 0 for the built-in data; 1 once published here; +1 per approved amendment. */
  version: number;
  /** `national`: the region has no days of its own that year; the national year in force is its year. */
  source: 'built-in' | 'published' | 'national';
}

type NationalRow = typeof calendarYears.$inferSelect;
type RegionRow = typeof calendarRegionYears.$inferSelect;

/** Display names of regions that have no built-in overlay (used only in the calendar's own explanations). */
const regionNames: Record<string, string> = { hebei: '河北省 Hebei Province', anhui: '安徽省 Anhui Province' };

/**
 * The overlays with the published region years merged in: a published year replaces the built-in year of the same
 * number. A region with no built-in overlay (Hebei, Anhui follow the national schedule) gets one whose unlisted years
 * mean "no regional days", so publishing one regional notice does not make its other years unknown.
 */
function composeOverlays(rows: ReadonlyArray<Pick<RegionRow, 'jurisdiction' | 'schedule'>>): RegionOverlay[] {
  const byRegion = new Map<string, RegionYear[]>();
  for (const r of rows) byRegion.set(r.jurisdiction, [...(byRegion.get(r.jurisdiction) ?? []), r.schedule]);
  return [...byRegion].map(([id, published]) => {
    const builtIn = BUILT_IN_OVERLAYS.find((o) => o.id === id);
    const replaced = new Set(published.map((y) => y.year));
    const years = [...(builtIn?.years ?? []).filter((y) => !replaced.has(y.year)), ...published].sort((a, b) => a.year - b.year);
    return builtIn ? { ...builtIn, years } : { id, name: regionNames[id] ?? id, years, unlistedYears: 'none' as const };
  });
}

/**
 * The calendar in force: the built-in years and overlays plus those published (and amended) at run time. Rebuilt
 * only when the published set changes, which every API instance and worker notices on its next read.
 */
export class CalendarStore {
  private cached: { key: string; calendar: Calendar } = { key: '', calendar: nationalCalendar };
  private checkedAt = -Infinity;

  /**
   * @param freshnessMs how long a check of the published years is trusted. The API, which asks on every list, can
   * trust it for a second; the worker must not (0), because a publication signals workflows to recompute at once.
   */
  constructor(
    private readonly db: Db,
    private readonly freshnessMs = 0,
  ) {}

  async current(): Promise<Calendar> {
    if (Date.now() - this.checkedAt < this.freshnessMs) return this.cached.calendar;
    const stamp = async (t: typeof calendarYears | typeof calendarRegionYears) => {
      const [s] = await this.db.select({ n: count(), published: max(t.publishedAt), amended: max(t.amendedAt), versions: sum(t.version) }).from(t);
      return `${s?.n ?? 0}:${s?.published?.toISOString() ?? ''}:${s?.amended?.toISOString() ?? ''}:${s?.versions ?? 0}`;
    };
    const key = `${await stamp(calendarYears)}|${await stamp(calendarRegionYears)}`;
    if (key !== this.cached.key) {
      const national = await this.db.select().from(calendarYears);
      const regional = await this.db.select().from(calendarRegionYears);
      this.cached = { key, calendar: createCalendar({ extraYears: national.map((r) => r.schedule), extraOverlays: composeOverlays(regional) }) };
    }
    this.checkedAt = Date.now();
    return this.cached.calendar;
  }

  /** The national year published here, if any. */
  async published(year: number): Promise<NationalRow | undefined> {
    const [row] = await this.db.select().from(calendarYears).where(eq(calendarYears.year, year));
    return row;
  }

  /** The year as it reads now for `jurisdiction` (national, or a region's own overlay year), or undefined if not in force. */
  async inForce(jurisdiction: string, year: number, db: DbOrTx = this.db): Promise<YearInForce | undefined> {
    if (jurisdiction === NATIONAL) {
      const [row] = await db.select().from(calendarYears).where(eq(calendarYears.year, year));
      if (row) return { schedule: row.schedule, version: row.version, source: 'published' };
      const builtIn = BUILT_IN_YEARS.find((y) => y.year === year);
      return builtIn && { schedule: builtIn, version: 0, source: 'built-in' };
    }
    const [row] = await db
      .select()
      .from(calendarRegionYears)
      .where(and(eq(calendarRegionYears.jurisdiction, jurisdiction), eq(calendarRegionYears.year, year)));
    if (row) return { schedule: row.schedule, version: row.version, source: 'published' };
    const builtIn = BUILT_IN_OVERLAYS.find((o) => o.id === jurisdiction)?.years.find((y) => y.year === year);
    if (builtIn) return { schedule: builtIn, version: 0, source: 'built-in' };
    // A region without days of its own that year counts the national year; when that is in force, so is the
    // region's: its first regional days move deadlines already running, so they are an amendment (four eyes).
    const national = await this.inForce(NATIONAL, year, db);
    return national && { schedule: { year, notice: national.schedule.notice, festivals: [] }, version: 0, source: 'national' };
  }

  /**
   * Stores a year not yet in force (validate before calling). Returns false, storing nothing, when the year is in
   * force already: it is then amended, never overwritten.
   */
  async publish(tx: DbOrTx, jurisdiction: string, schedule: YearSchedule | RegionYear, publishedBy: string, at: Date): Promise<boolean> {
    if (await this.inForce(jurisdiction, schedule.year, tx)) return false;
    const stored =
      jurisdiction === NATIONAL
        ? await tx
            .insert(calendarYears)
            .values({ year: schedule.year, schedule: schedule as YearSchedule, publishedBy, publishedAt: at })
            .onConflictDoNothing()
            .returning({ year: calendarYears.year })
        : await tx
            .insert(calendarRegionYears)
            .values({ jurisdiction, year: schedule.year, schedule, publishedBy, publishedAt: at })
            .onConflictDoNothing()
            .returning({ year: calendarRegionYears.year });
    this.checkedAt = -Infinity;
    return stored.length > 0;
  }

  /**
   * Puts an approved amendment in force: version `baseVersion + 1`. Returns false, changing nothing, when the year's
   * version is no longer `baseVersion` (another amendment was approved first).
   */
  async amend(tx: DbOrTx, jurisdiction: string, schedule: YearSchedule | RegionYear, baseVersion: number, by: string, at: Date): Promise<boolean> {
    const current = await this.inForce(jurisdiction, schedule.year, tx);
    if (!current || current.version !== baseVersion) return false;
    const version = baseVersion + 1;
    if (jurisdiction === NATIONAL) {
      const national = schedule as YearSchedule;
      if (baseVersion === 0) await tx.insert(calendarYears).values({ year: national.year, schedule: national, publishedBy: by, publishedAt: at, version, amendedAt: at });
      else await tx.update(calendarYears).set({ schedule: national, version, amendedAt: at }).where(and(eq(calendarYears.year, national.year), eq(calendarYears.version, baseVersion)));
    } else if (baseVersion === 0) {
      await tx.insert(calendarRegionYears).values({ jurisdiction, year: schedule.year, schedule, publishedBy: by, publishedAt: at, version, amendedAt: at });
    } else {
      await tx
        .update(calendarRegionYears)
        .set({ schedule, version, amendedAt: at })
        .where(and(eq(calendarRegionYears.jurisdiction, jurisdiction), eq(calendarRegionYears.year, schedule.year), eq(calendarRegionYears.version, baseVersion)));
    }
    this.checkedAt = -Infinity;
    return true;
  }

  /** The calendar as it would be with `schedule` in force for `jurisdiction` (to show what an amendment would move). */
  async withChange(jurisdiction: string, schedule: YearSchedule | RegionYear): Promise<Calendar> {
    const national = await this.db.select().from(calendarYears);
    const regional = await this.db.select().from(calendarRegionYears);
    if (jurisdiction === NATIONAL) {
      const years = [...national.map((r) => r.schedule).filter((y) => y.year !== schedule.year), schedule as YearSchedule];
      return createCalendar({ extraYears: years, extraOverlays: composeOverlays(regional) });
    }
    const rows = [...regional.filter((r) => !(r.jurisdiction === jurisdiction && r.year === schedule.year)), { jurisdiction, schedule: schedule as RegionYear }];
    return createCalendar({ extraYears: national.map((r) => r.schedule), extraOverlays: composeOverlays(rows) });
  }
}
