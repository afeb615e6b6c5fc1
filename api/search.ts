import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { catalogueEntries, departments, requests, tasks, users } from '../db/schema';
import { textProblem } from './input/text-rules';
import { HttpProblem } from './problem';
import { text } from './problem-text';

/** At most this many words are searched for; each must be found (in any field). */
export const MAX_SEARCH_WORDS = 5;

/**
 * The words of a keyword search (`q`), lower-cased, NFC: split on blank, each at most 50 characters. Throws a 400
 * naming `query.q` for text that cannot be searched for (NUL, lone surrogates, controls) or too many words.
 */
export function searchWords(q: string): string[] {
  const problem = textProblem(q, false);
  if (problem) throw HttpProblem.badRequest('query.q', problem);
  const words = q.normalize('NFC').toLowerCase().split(/[\s\p{Zs}]+/u).filter(Boolean);
  if (words.length > MAX_SEARCH_WORDS) throw HttpProblem.badRequest('query.q', text(`关键词最多 ${MAX_SEARCH_WORDS} 个（现有 ${words.length} 个）`, `has ${words.length} words; search for at most ${MAX_SEARCH_WORDS}`));
  if (words.some((w) => Array.from(w).length > 50)) throw HttpProblem.badRequest('query.q', text('单个关键词不超过 50 个字', 'has a word longer than 50 characters'));
  return words;
}

/** `%word%` for LIKE, with LIKE's own characters taken literally. */
function containing(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The case's own searchable text, as indexed (migration 0018: `requests_search_grams_idx`). */
const caseDoc = sql`case_search_doc(${requests.caseNumber}, ${requests.catalogueEntryId}, ${requests.scenario}, ${requests.details})`;

/** A search word with the entries, departments and people whose names contain it (looked up first, in small tables). */
export interface SearchWord {
  word: string;
  like: string;
  entries: string[];
  departments: string[];
  people: string[];
}

/**
 * The words of `q` with the ids of the catalogue entries, departments and people whose names contain each: a few small
 * tables read once, so that the case query gets literal id lists the planner can estimate (an arm with none is left out).
 */
export async function resolveSearch(db: Db, q: string | undefined): Promise<SearchWord[] | undefined> {
  if (!q) return undefined;
  const words = searchWords(q);
  if (words.length === 0) return undefined;
  return Promise.all(
    words.map(async (word) => {
      const like = containing(word);
      const [entries, bodies, people] = await Promise.all([
        db.select({ id: catalogueEntries.id }).from(catalogueEntries).where(sql`lower(${catalogueEntries.id} || ' ' || ${catalogueEntries.nameZh} || ' ' || ${catalogueEntries.nameEn}) like ${like}`),
        db.select({ id: departments.id }).from(departments).where(sql`lower(${departments.id} || ' ' || ${departments.nameZh} || ' ' || ${departments.nameEn}) like ${like}`),
        db.select({ id: users.id }).from(users).where(sql`lower(${users.displayName} || ' ' || ${users.username}) like ${like}`),
      ]);
      return { word, like, entries: entries.map((r) => r.id), departments: bodies.map((r) => r.id), people: people.map((r) => r.id) };
    }),
  );
}

/** A whole 受理编号 as written (docs/CASE-NUMBERS.md), lower-cased like every search word. */
const wholeCaseNumber = /^\S+数共\S〔\d{4}〕\d{4,}号$/u;

/** `= any(array[…]::text[])` with the ids as parameters. */
const anyOf = (ids: string[]) => sql`= any(array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::text[])`;

/**
 * The ids of the cases in which one word occurs: in the case's own text (受理编号, entry id, scenario, and what the
 * submission said: description, basis, reason, inconsistency, legal basis, trigger, evidence), through the bigram
 * index; or in the name of its catalogue entry, of one of its departments (requesting, providing, competent
 * authority), or of a person who submitted it or claimed or completed one of its tasks. Each arm of the union is an
 * index scan; the LIKE runs before the bigrams are recomputed.
 */
function casesWithWord(w: SearchWord): SQL {
  // A whole 受理编号 is found by its unique index: its bigrams (数共, 〔2, 20 …) are in nearly every case.
  if (wholeCaseNumber.test(w.word)) return sql`(select ${requests.id} from ${requests} where ${requests.caseNumber} = ${w.word.toUpperCase()})`;
  const length = Array.from(w.word).length;
  // Two characters are one bigram: the index alone answers. Longer words: every bigram, then LIKE for the order.
  const own =
    length === 2
      ? sql`search_grams(${caseDoc}) @> array[${w.word}::text]`
      : length > 2
        ? sql`search_grams(${caseDoc}) @> search_grams(${w.word}::text) and ${caseDoc} like ${w.like}`
        : sql`${caseDoc} like ${w.like}`;
  const arms: SQL[] = [sql`select ${requests.id} from ${requests} where ${own}`];
  const byColumn = (column: SQL, ids: string[]) => {
    if (ids.length > 0) arms.push(sql`select ${requests.id} from ${requests} where ${column} ${anyOf(ids)}`);
  };
  byColumn(sql`${requests.catalogueEntryId}`, w.entries);
  byColumn(sql`${requests.requesterDepartmentId}`, w.departments);
  byColumn(sql`${requests.providerDepartmentId}`, w.departments);
  byColumn(sql`${requests.authorityDepartmentId}`, w.departments);
  byColumn(sql`${requests.createdBy}`, w.people);
  if (w.people.length > 0) {
    arms.push(sql`select ${tasks.requestId} from ${tasks} where ${tasks.claimedBy} ${anyOf(w.people)} or ${tasks.completedBy} ${anyOf(w.people)}`);
  }
  return sql`(${sql.join(arms, sql` union `)})`;
}

/**
 * Cases matching every word (see {@link casesWithWord}), as a condition on `requests`: the matching ids are found
 * first (one index scan per arm, intersected across words) and the case rows then read by primary key, so the caller's
 * visibility is checked on those rows only.
 */
export function caseSearch(words: SearchWord[] | undefined): SQL | undefined {
  if (!words) return undefined;
  return sql`${requests.id} = any(array(${sql.join(words.map(casesWithWord), sql` intersect `)}))`;
}

/**
 * Tasks matching every word: a word found in the task's case ({@link casesWithWord}), or in the name of the task's
 * assignee department or of who claimed or completed it.
 */
export function taskSearch(words: SearchWord[] | undefined): SQL | undefined {
  if (!words) return undefined;
  return sql.join(
    words.map((w) => {
      const ofTask: SQL[] = [sql`${tasks.requestId} = any(array${casesWithWord(w)})`];
      if (w.departments.length > 0) ofTask.push(sql`${tasks.assigneeDepartmentId} ${anyOf(w.departments)}`);
      if (w.people.length > 0) ofTask.push(sql`${tasks.claimedBy} ${anyOf(w.people)}`, sql`${tasks.completedBy} ${anyOf(w.people)}`);
      return sql`(${sql.join(ofTask, sql` or `)})`;
    }),
    sql` and `,
  );
}
