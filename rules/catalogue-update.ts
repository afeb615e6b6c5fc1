/**
 * What a catalogue change may write into the entry, checked before the decision enters history: the changeable
 * fields only (Hebei draft art. 9; Anhui art. 13 — the sharing attribute has its own process, the negative list), and
 * never an empty value for a field every entry must have. Pure: safe in workflow code.
 */

/** The steps whose completion carries the updated entry. */
export const CATALOGUE_SUBMISSION_STEPS: ReadonlySet<string> = new Set(['submit-update', 'correct-update', 'report-update']);

/** The entry fields a catalogue change may set. */
export const CATALOGUE_CHANGEABLE_FIELDS = ['nameZh', 'nameEn', 'updateFrequency', 'securityLevel', 'scopeOfUse', 'conditions', 'legalBasis', 'dataFormat'] as const;

/** Those every entry must have: a change may rewrite them, never empty them. */
const REQUIRED_FIELDS: ReadonlySet<string> = new Set(['nameZh', 'nameEn', 'updateFrequency', 'securityLevel', 'scopeOfUse']);

const changeable: ReadonlySet<string> = new Set(CATALOGUE_CHANGEABLE_FIELDS);

/** Why a submitted update is refused — the field it names (`body.payload.<field>`) and the message — or null. */
export function catalogueUpdateProblem(payload: Readonly<Record<string, unknown>>): { field: string; message: string } | null {
  for (const [key, value] of Object.entries(payload)) {
    if (!changeable.has(key)) {
      return {
        field: `body.payload.${key}`,
        message:
          key === 'sharingAttribute'
            ? 'the sharing attribute is not changed by a catalogue change: classing an entry not shared is the negative-list process / 共享属性不通过目录更新变更，列为不予共享须走负面清单程序'
            : `is not a field a catalogue change may set (${CATALOGUE_CHANGEABLE_FIELDS.join(', ')}) / 不是目录更新可修改的项目`,
      };
    }
    if (REQUIRED_FIELDS.has(key) && (value === null || (typeof value === 'string' && value.trim() === ''))) {
      return { field: `body.payload.${key}`, message: 'every entry must have it: a change may rewrite it, not empty it / 该项目为必填，可修改但不能清空' };
    }
    if (value !== null && typeof value !== 'string') return { field: `body.payload.${key}`, message: 'must be text or null / 须为文本' };
  }
  return null;
}
