import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** The custom search attributes every process workflow keeps current, so the Temporal UI and list queries find any case. */
export const searchAttributes = {
  process: defineSearchAttributeKey('GdsProcess', SearchAttributeType.KEYWORD),
  requestId: defineSearchAttributeKey('GdsRequestId', SearchAttributeType.KEYWORD),
  jurisdiction: defineSearchAttributeKey('GdsJurisdiction', SearchAttributeType.KEYWORD),
  pack: defineSearchAttributeKey('GdsPack', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('GdsStatus', SearchAttributeType.KEYWORD),
  step: defineSearchAttributeKey('GdsStep', SearchAttributeType.KEYWORD),
  dueAt: defineSearchAttributeKey('GdsDueAt', SearchAttributeType.DATETIME),
  requester: defineSearchAttributeKey('GdsRequester', SearchAttributeType.KEYWORD),
  provider: defineSearchAttributeKey('GdsProvider', SearchAttributeType.KEYWORD),
} as const;

const cliTypeNames: Record<string, string> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.DATETIME]: 'Datetime',
};

/** `--search-attribute Name=Type` flags for `temporal server start-dev`. */
export function searchAttributeFlags(): string[] {
  return Object.values(searchAttributes).flatMap((key) => ['--search-attribute', `${key.name}=${cliTypeNames[key.type]}`]);
}
