/**
 * The baseline for the API bench: a bare Fastify route that parses the same JSON body and answers 201, with nothing
 * behind it (no auth, no database, no Temporal). Usage: `node --import tsx bench/support/bare-server.ts <port>`.
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/api/share-requests', async (request, reply) => {
  const body = request.body as { catalogueEntryId?: string; scenario?: string };
  return reply.status(201).send({ id: randomUUID(), status: 'received', catalogueEntryId: body.catalogueEntryId, scenario: body.scenario });
});
app.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1' }).then(
  (address) => console.log(`listening ${address}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
process.on('SIGINT', () => void app.close().then(() => process.exit(0)));
