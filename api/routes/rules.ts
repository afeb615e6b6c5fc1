import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CalendarError } from '../../calendar';
import { getPack, listPacks, previewTimeline, RulesError, UnknownPackError } from '../../rules';
import type { AppDeps } from '../app';
import { HttpProblem } from '../problem';
import { textsView } from '../views';
import { problemResponses } from '../schemas/common';
import { PackList, PackParams, PreviewQuery, PreviewResponse } from '../schemas/rules';

export function ruleRoutes({ calendar }: AppDeps) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.get('/api/rules', { schema: { tags: ['rules'], summary: '规则包 The statute rule packs', response: { 200: PackList, ...problemResponses } } }, async () =>
      listPacks().map((p) => ({ ...p, inForce: p.inForce ? { ...p.inForce } : null, flows: [...p.flows] })),
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
          const pack = getPack(request.params.pack);
          const steps = previewTimeline(pack, process, received, await calendar.current());
          // The texts in force in the pack's jurisdiction on that date, and whether a higher one is left out.
          const texts = textsView({ jurisdiction: pack.jurisdiction, receivedAt: received, pack: pack.id });
          return { pack: pack.id, flow: process, receivedAt: received, ...texts, steps: JSON.parse(JSON.stringify(steps)) };
        } catch (error) {
          if (error instanceof UnknownPackError) throw HttpProblem.notFound(`Rule pack ${request.params.pack}`);
          if (error instanceof RulesError) throw HttpProblem.badRequest('query.process', error.message);
          if (error instanceof CalendarError) throw HttpProblem.badRequest('query.received', error.message);
          throw error;
        }
      },
    );
  };
}
