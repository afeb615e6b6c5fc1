import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const typeBase = 'https://gds.example.gov.cn/problems/';

/**
 * Fastify's own answer to a URL it cannot even route (a broken percent escape such as `/api/%E0%A4%A`, an over-long
 * parameter) — given as the `frameworkErrors` server option, so that it too is problem+json.
 */
export function frameworkErrorProblem(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply
      .status(414)
      .header('cache-control', 'no-store')
      .type('application/problem+json')
      .send({
        type: typeBase + 'uri-too-long',
        title: 'URI too long',
        titleZh: '地址过长',
        status: 414,
        detail: 'params: a path parameter is longer than any this API gives',
        detailZh: '地址中的参数超过本系统给出的任何编号的长度',
      });
    return;
  }
  const badUrl = error.code === 'FST_ERR_BAD_URL';
  void reply
    .status(400)
    .header('cache-control', 'no-store')
    .type('application/problem+json')
    .send({
      type: typeBase + (badUrl ? 'bad-url' : 'invalid-request'),
      title: 'Invalid request',
      titleZh: '请求有误',
      status: 400,
      detail: badUrl ? 'The URL has an invalid percent-encoding' : error.message,
      detailZh: badUrl ? '地址中的百分号编码无效' : '地址无效',
      errors: [
        { path: 'url', code: badUrl ? 'badUrl' : 'invalid', message: badUrl ? 'has an invalid percent-encoding' : error.message, messageZh: badUrl ? '百分号编码无效' : '地址无效' },
      ],
    });
}

/**
 * Answers are personal (a department's cases, a user's tasks) and must not sit in a shared or browser cache: every
 * response that does not set its own `Cache-Control` (the web app's files and documentation do) gets `no-store`.
 */
export function noStoreByDefault(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    return payload;
  });
}
