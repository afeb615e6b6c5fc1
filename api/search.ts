import { sql, type SQL } from 'drizzle-orm';
import { catalogueEntries, departments, requests, tasks, users } from '../db/schema';
import { textProblem } from './input/text-rules';
import { HttpProblem } from './problem';

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
  if (words.length > MAX_SEARCH_WORDS) throw HttpProblem.badRequest('query.q', `has ${words.length} words; search for at most ${MAX_SEARCH_WORDS} / 关键词最多 ${MAX_SEARCH_WORDS} 个`);
  if (words.some((w) => Array.from(w).length > 50)) throw HttpProblem.badRequest('query.q', 'has a word longer than 50 characters / 单个关键词不超过 50 个字');
  return words;
}

/** `%word%` for LIKE, with LIKE's own characters taken literally. */
function containing(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The case's own searchable text, as indexed (migration 0018: `requests_search_grams_idx`). */
const caseDoc = sql`case_search_doc(${requests.caseNumber}, ${requests.catalogueEntryId}, ${requests.scenario}, ${requests.details})`;

/** Ids of the rows of a small table (entries, departments, users) whose names contain the word. */
const entryIds = (like: string) =>
  sql`array(select ${catalogueEntries.id} from ${catalogueEntries} where lower(${catalogueEntries.id} || ' ' || ${catalogueEntries.nameZh} || ' ' || ${catalogueEntries.nameEn}) like ${like})`;
const departmentIds = (like: string) =>
  sql`array(select ${departments.id} from ${departments} where lower(${departments.id} || ' ' || ${departments.nameZh} || ' ' || ${departments.nameEn}) like ${like})`;
const personIds = (like: string) => sql`array(select ${users.id} from ${users} where lower(${users.displayName} || ' ' || ${users.username}) like ${like})`;

/**
 * The ids of the cases in which one word occurs: in the case's own text (受理编号, entry id, scenario, and what the
 * submission said: description, basis, reason, inconsistency, legal basis, trigger, evidence), through the bigram
 * index; or in the name of its catalogue entry, of one of its departments (requesting, providing, competent
 * authority), or of a person who submitted it or claimed or completed one of its tasks. Names are looked up in their
 * small tables first; each arm of the union is then an index scan, and the LIKE runs before the bigrams are recomputed.
 */
function casesWithWord(word: string): SQL {
  const like = containing(word);
  const own =
    Array.from(word).length >= 2
      ? sql`${caseDoc} like ${like} and search_grams(${caseDoc}) @> search_grams(${word}::text)`
      : sql`${caseDoc} like ${like}`;
  const byColumn = (column: SQL | typeof requests.createdBy, ids: SQL) => sql`select ${requests.id} from ${requests} where ${column} = any(${ids})`;
  const people = personIds(like);
  return sql`(select ${requests.id} from ${requests} where ${own}
    union ${byColumn(sql`${requests.catalogueEntryId}`, entryIds(like))}
    union ${byColumn(sql`${requests.requesterDepartmentId}`, departmentIds(like))}
    union ${byColumn(sql`${requests.providerDepartmentId}`, departmentIds(like))}
    union ${byColumn(sql`${requests.authorityDepartmentId}`, departmentIds(like))}
    union ${byColumn(sql`${requests.createdBy}`, people)}
    union select ${tasks.requestId} from ${tasks} where ${tasks.claimedBy} = any(${people}) or ${tasks.completedBy} = any(${people}))`;
}

/** Cases matching every word of `q` (see {@link casesWithWord}), as a condition on `requests`. */
export function caseSearch(q: string): SQL | undefined {
  const words = searchWords(q);
  if (words.length === 0) return undefined;
  return sql`${requests.id} in (${sql.join(words.map(casesWithWord), sql` intersect `)})`;
}

/**
 * Tasks matching every word of `q`: a word found in the task's case ({@link casesWithWord}), in the task's title, its
 * assignee department's name, or the name of who claimed or completed it.
 */
export function taskSearch(q: string): SQL | undefined {
  const words = searchWords(q);
  if (words.length === 0) return undefined;
  return sql.join(
    words.map((word) => {
      const like = containing(word);
      return sql`(${tasks.requestId} in ${casesWithWord(word)}
        or lower(${tasks.titleZh} || ' ' || ${tasks.titleEn}) like ${like}
        or ${tasks.assigneeDepartmentId} = any(${departmentIds(like)})
        or ${tasks.claimedBy} = any(${personIds(like)})
        or ${tasks.completedBy} = any(${personIds(like)}))`;
    }),
    sql` and `,
  );
}
