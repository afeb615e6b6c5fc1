import { Type } from 'typebox';
import { defaultLateRegistrationWindowDays } from '../receipt';

const window = `at most LATE_REGISTRATION_WINDOW_DAYS days back (default ${defaultLateRegistrationWindowDays}; 本地政策 local policy, not law)`;

/** The fields with which the authority's reviewer registers a submission after the fact (api/receipt.ts). */
export function receiptFields(field: 'receivedAt' | 'changedAt', what: string) {
  return {
    [field]: Type.Optional(
      Type.String({
        format: 'date-time',
        description: `${what}. Only the competent data authority's reviewer may send it, registering a submission after the fact: not in the future, ${window}, with \`${field}Reason\`. A department's submission is received when it arrives (a department sending this field is refused, 403).`,
      }),
    ),
    [`${field}Reason`]: Type.Optional(
      Type.String({ 'x-multiline': true, minLength: 4, maxLength: 1000, description: `Why the submission is registered late (required with \`${field}\`; recorded in the audit trail with who registered it)` }),
    ),
    onBehalfOf: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 40,
        description: "The authority's reviewer only: the department under the authority whose submission is registered (required for share requests and quality disputes; for the provider's processes it is the entry's provider)",
      }),
    ),
  } as const;
}
