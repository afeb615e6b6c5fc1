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

/**
 * Cases in which one word occurs: in the case's own text (受理编号, entry id, scenario, and what the submission said:
 * description, basis, reason, inconsistency, legal basis, trigger, evidence), through the bigram index; or in the name
 * of its catalogue entry, of one of its departments (requesting, providing, competent authority), or of a person who
 * submitted it or claimed or completed one of its tasks. Names are looked up in their small tables first, so every arm
 * is an index scan on `requests` and Postgres ORs the bitmaps.
 */
function caseHasWord(word: string): SQL {
  const like = containing(word);
  const own =
    Array.from(word).length >= 2
      ? sql`(search_grams(${caseDoc}) @> search_grams(${word}::text) and ${caseDoc} like ${like})`
      : sql`${caseDoc} like ${like}`;
  const entryIds = sql`array(select ${catalogueEntries.id} from ${catalogueEntries} where lower(${catalogueEntries.id} || ' ' || ${catalogueEntries.nameZh} || ' ' || ${catalogueEntries.nameEn}) like ${like})`;
  const departmentIds = sql`array(select ${departments.id} from ${departments} where lower(${departments.id} || ' ' || ${departments.nameZh} || ' ' || ${departments.nameEn}) like ${like})`;
  const personIds = sql`array(select ${users.id} from ${users} where lower(${users.displayName} || ' ' || ${users.username}) like ${like})`;
  const handledBy = sql`array(select ${tasks.requestId} from ${tasks} where ${tasks.claimedBy} = any(${personIds}) or ${tasks.completedBy} = any(${personIds}))`;
  return sql`(${own}
    or ${requests.catalogueEntryId} = any(${entryIds})
    or ${requests.requesterDepartmentId} = any(${departmentIds})
    or ${requests.providerDepartmentId} = any(${departmentIds})
    or ${requests.authorityDepartmentId} = any(${departmentIds})
    or ${requests.createdBy} = any(${personIds})
    or ${requests.id} = any(${handledBy}))`;
}

/** Cases matching every word of `q` (see {@link caseHasWord}). */
export function caseSearch(q: string): SQL | undefined {
  const words = searchWords(q);
  if (words.length === 0) return undefined;
  return sql.join(words.map(caseHasWord), sql` and `);
}

/**
 * Tasks matching every word of `q`: a word found in the task's case ({@link caseHasWord}), in the task's title, its
 * assignee department's name, or the name of who claimed or completed it.
 */
export function taskSearch(q: string): SQL | undefined {
  const words = searchWords(q);
  if (words.length === 0) return undefined;
  return sql.join(
    words.map((word) => {
      const like = containing(word);
      const personIds = sql`array(select ${users.id} from ${users} where lower(${users.displayName} || ' ' || ${users.username}) like ${like})`;
      const departmentIds = sql`array(select ${departments.id} from ${departments} where lower(${departments.id} || ' ' || ${departments.nameZh} || ' ' || ${departments.nameEn}) like ${like})`;
      return sql`(${caseHasWord(word)}
        or lower(${tasks.titleZh} || ' ' || ${tasks.titleEn}) like ${like}
        or ${tasks.assigneeDepartmentId} = any(${departmentIds})
        or ${tasks.claimedBy} = any(${personIds})
        or ${tasks.completedBy} = any(${personIds}))`;
    }),
    sql` and `,
  );
}
