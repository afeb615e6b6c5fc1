import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CalendarError } from '../../calendar';
import { versionOn } from '../../db/pack-store';
import { listPacks, previewTimeline, RulesError, shanghaiDateOf, type FlowId } from '../../rules';
import type { AppDeps } from '../app';
import { packStore } from '../packs';
import { HttpProblem } from '../problem';
import { textsView } from '../views';
import { problemResponses } from '../schemas/common';
import { PackList, PackParams, PreviewQuery, PreviewResponse } from '../schemas/rules';
import { fromWire, text } from '../problem-text';
import { calendarErrorText } from '../calendar-problems';

export function ruleRoutes(deps: AppDeps) {
  const { calendar } = deps;
  const packs = packStore(deps);
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.get(
      '/api/rules',
      { schema: { tags: ['rules'], summary: '规则包 The statute rule packs: built in, then new texts published at run time (their latest version)', response: { 200: PackList, ...problemResponses } } },
      async () => {
        const builtIn = listPacks().map((p) => ({ ...p, inForce: p.inForce ? { ...p.inForce } : null, flows: [...p.flows] }));
        const known = new Set<string>(builtIn.map((p) => p.id));
        const published = new Map<string, (typeof builtIn)[number]>();
        for (const v of [...(await packs.versions())].sort((a, b) => a.publishedAt - b.publishedAt)) {
          if (known.has(v.pack.id)) continue;
          const p = v.pack;
          published.set(p.id, { id: p.id as (typeof builtIn)[number]['id'], version: p.version, titleZh: p.titleZh, titleEn: p.titleEn, jurisdiction: p.jurisdiction, inForce: p.inForce ? { ...p.inForce } : null, bindable: p.bindable, flows: Object.keys(p.flows) as FlowId[] });
        }
        return [...builtIn, ...published.values()];
      },
    );

    api.get(
      '/api/rules/:pack/preview',
      {
        schema: {
          tags: ['rules'],
          summary: '时限预览 The latest-possible timeline of a process received at an instant, with the texts that apply then and a warning when a higher one is not loaded',
          params: PackParams,
          querystring: PreviewQuery,
          response: { 200: PreviewResponse, ...problemResponses },
        },
      },
      async (request) => {
        const { process, received } = request.query;
        try {
          // The version a case received then would bind (published or built in); else the text's first version.
          const ofText = (await packs.versions()).filter((v) => v.pack.id === request.params.pack).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
          if (ofText.length === 0) throw HttpProblem.notFound(text(`规则包 ${request.params.pack}`, `Rule pack ${request.params.pack}`));
          const pack = (versionOn(ofText, request.params.pack, shanghaiDateOf(received)) ?? ofText[0]!).pack;
          const steps = previewTimeline(pack, process, received, await calendar.current());
          // The texts in force in the pack's jurisdiction on that date, and whether a higher one is left out.
          const texts = textsView({ jurisdiction: pack.jurisdiction, receivedAt: received, pack: pack.id });
          return { pack: pack.id, flow: process, receivedAt: received, ...texts, steps: JSON.parse(JSON.stringify(steps)) };
        } catch (error) {
          if (error instanceof RulesError) throw HttpProblem.badRequest('query.process', fromWire(error.message, '该规章没有这一流程'));
          if (error instanceof CalendarError) throw HttpProblem.badRequest('query.received', calendarErrorText(error), error.code);
          throw error;
        }
      },
    );
  };
}
