import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { appendAudit } from '../db/audit';
import { catalogueEntries, negativeList } from '../db/schema';
import { CATALOGUE_CHANGEABLE_FIELDS } from '../rules/catalogue-update';

/** The fields a catalogue change may set (Hebei draft art. 9; Anhui art. 13). The sharing attribute is not one. */
const changeableFields = CATALOGUE_CHANGEABLE_FIELDS;

export interface CatalogueEntryView {
  id: string;
  nameZh: string;
  providerDepartmentId: string;
  sharingAttribute: string;
  legalBasis: string | null;
  negativeList: { requestId: string; legalBasis: string; listedAt: string; filedAt: string | null } | null;
}

export function catalogueActivities(db: Db) {
  return {
    async catalogueEntry(id: string): Promise<CatalogueEntryView | null> {
      const [entry] = await db.select().from(catalogueEntries).where(eq(catalogueEntries.id, id));
      if (!entry) return null;
      const [listed] = await db.select().from(negativeList).where(eq(negativeList.catalogueEntryId, id));
      return {
        id: entry.id,
        nameZh: entry.nameZh,
        providerDepartmentId: entry.providerDepartmentId,
        sharingAttribute: entry.sharingAttribute,
        legalBasis: entry.legalBasis,
        negativeList: listed
          ? { requestId: listed.requestId, legalBasis: listed.legalBasis, listedAt: listed.listedAt.toISOString(), filedAt: listed.filedAt?.toISOString() ?? null }
          : null,
      };
    },

    /** Applies an approved catalogue change: only the changeable fields; the sharing attribute has its own process. */
    async applyCatalogueChange(input: { entryId: string; requestId: string; changes: Record<string, unknown>; at: string }): Promise<void> {
      const set: Record<string, string | null> = {};
      for (const field of changeableFields) {
        const value = input.changes[field];
        if (typeof value === 'string' || value === null) set[field] = value;
      }
      await db.transaction(async (tx) => {
        if (Object.keys(set).length > 0) {
          await tx.update(catalogueEntries).set({ ...set, updatedAt: new Date(input.at) }).where(eq(catalogueEntries.id, input.entryId));
        }
        await appendAudit(tx, {
          eventKey: `catalogue.changed:${input.requestId}`,
          at: new Date(input.at),
          action: 'catalogue.changed',
          requestId: input.requestId,
          details: { entryId: input.entryId, changes: set },
        });
      });
    },

    /** Lists an entry as "not shared" once the people's government approved it. */
    async listOnNegativeList(input: { entryId: string; requestId: string; legalBasis: string; approvedBy: string; at: string }): Promise<void> {
      await db.transaction(async (tx) => {
        await tx
          .insert(negativeList)
          .values({ catalogueEntryId: input.entryId, requestId: input.requestId, legalBasis: input.legalBasis, approvedBy: input.approvedBy, listedAt: new Date(input.at) })
          .onConflictDoNothing({ target: negativeList.catalogueEntryId });
        await tx
          .update(catalogueEntries)
          .set({ sharingAttribute: 'not-shared', legalBasis: input.legalBasis, updatedAt: new Date(input.at) })
          .where(eq(catalogueEntries.id, input.entryId));
        await appendAudit(tx, {
          eventKey: `negative-list.listed:${input.requestId}`,
          at: new Date(input.at),
          action: 'negative-list.listed',
          requestId: input.requestId,
          details: { entryId: input.entryId, legalBasis: input.legalBasis, approvedBy: input.approvedBy },
        });
      });
    },

    async recordNegativeListFiling(input: { entryId: string; requestId: string; at: string }): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.update(negativeList).set({ filedAt: new Date(input.at) }).where(eq(negativeList.catalogueEntryId, input.entryId));
        await appendAudit(tx, {
          eventKey: `negative-list.filed:${input.requestId}`,
          at: new Date(input.at),
          action: 'negative-list.filed',
          requestId: input.requestId,
          details: { entryId: input.entryId },
        });
      });
    },
  };
}
