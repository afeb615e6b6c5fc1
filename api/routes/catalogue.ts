import { asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { catalogueEntries, departments, negativeList } from '../../db/schema';
import type { AppDeps } from '../app';
import { problemResponses } from '../schemas/common';

const Nullable = Type.Union([Type.String(), Type.Null()]);

const Entry = Type.Object({
  id: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  providerDepartmentId: Type.String(),
  providerNameZh: Type.String(),
  providerNameEn: Type.String(),
  sharingAttribute: Type.String({ description: 'unconditional 无条件共享 | conditional 有条件共享 | not-shared 不予共享' }),
  updateFrequency: Type.String(),
  securityLevel: Type.String(),
  scopeOfUse: Type.String(),
  conditions: Nullable,
  legalBasis: Nullable,
  dataFormat: Nullable,
  updatedAt: Type.String(),
});

const CatalogueQuery = Type.Object(
  {
    sharingAttribute: Type.Optional(Type.Union(['unconditional', 'conditional', 'not-shared'].map((a) => Type.Literal(a)))),
    provider: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

const Listed = Type.Object({
  catalogueEntryId: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  providerDepartmentId: Type.String(),
  legalBasis: Type.String(),
  requestId: Type.String({ description: 'The negative-list case that listed it' }),
  approvedBy: Type.String(),
  listedAt: Type.String(),
  filedAt: Nullable,
});

const Department = Type.Object({
  id: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  kind: Type.String(),
  level: Type.String(),
  jurisdiction: Type.String(),
  authorityId: Nullable,
});

/** The catalogue and the negative list are public within the government: every department may read them. */
export function catalogueRoutes({ db }: AppDeps) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.get(
      '/api/catalogue',
      { schema: { tags: ['catalogue'], summary: '政务数据目录 The catalogue with sharing attributes', querystring: CatalogueQuery, response: { 200: Type.Array(Entry), ...problemResponses } } },
      async (request) => {
        const rows = await db
          .select({ entry: catalogueEntries, provider: departments })
          .from(catalogueEntries)
          .innerJoin(departments, eq(catalogueEntries.providerDepartmentId, departments.id))
          .orderBy(asc(catalogueEntries.id));
        return rows
          .filter((r) => !request.query.sharingAttribute || r.entry.sharingAttribute === request.query.sharingAttribute)
          .filter((r) => !request.query.provider || r.entry.providerDepartmentId === request.query.provider)
          .map(({ entry, provider }) => ({
            ...entry,
            providerNameZh: provider.nameZh,
            providerNameEn: provider.nameEn,
            updatedAt: entry.updatedAt.toISOString(),
          }));
      },
    );

    api.get(
      '/api/negative-list',
      { schema: { tags: ['catalogue'], summary: '负面清单 Entries classed "not shared", with approval and filing', response: { 200: Type.Array(Listed), ...problemResponses } } },
      async () => {
        const rows = await db
          .select({ listed: negativeList, entry: catalogueEntries })
          .from(negativeList)
          .innerJoin(catalogueEntries, eq(negativeList.catalogueEntryId, catalogueEntries.id))
          .orderBy(asc(negativeList.listedAt));
        return rows.map(({ listed, entry }) => ({
          catalogueEntryId: entry.id,
          nameZh: entry.nameZh,
          nameEn: entry.nameEn,
          providerDepartmentId: entry.providerDepartmentId,
          legalBasis: listed.legalBasis,
          requestId: listed.requestId,
          approvedBy: listed.approvedBy,
          listedAt: listed.listedAt.toISOString(),
          filedAt: listed.filedAt ? listed.filedAt.toISOString() : null,
        }));
      },
    );

    api.get(
      '/api/departments',
      { schema: { tags: ['catalogue'], summary: '部门 Departments and authorities', response: { 200: Type.Array(Department), ...problemResponses } } },
      async () => (await db.select().from(departments).orderBy(asc(departments.id))).map((d) => ({ ...d, authorityId: d.authorityId })),
    );
  };
}
