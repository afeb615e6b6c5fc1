import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startStack, type TestStack } from '../support/stack';

/**
 * A case binds the requester's text and authority; another province's department is under neither, and no text we
 * follow provides a route between provinces. An outside attack had Anhui cases put tasks on Hebei departments (and
 * Hebei's on Anhui's) through quality disputes, inconsistency reports and Anhui share requests.
 */
let stack: TestStack;
const as: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  stack = await startStack();
  for (const u of ['ah-mzt.ma', 'mzt.li', 'sjz-gaj.wu']) as[u] = await loginAs(stack.app, u);
});
afterAll(() => stack?.stop());

const post = (who: string, url: string, payload: Record<string, unknown>) => stack.app.inject({ method: 'POST', url, headers: as[who], payload });

describe('a request for another province’s data', () => {
  for (const [who, url, payload] of [
    ['ah-mzt.ma', '/api/share-requests', { catalogueEntryId: 'HB-GAT-0001', scenario: '安徽请求河北数据' }],
    ['ah-mzt.ma', '/api/quality-disputes', { catalogueEntryId: 'SJZ-GAJ-0001', description: '跨省异议', route: 'direct' }],
    ['ah-mzt.ma', '/api/data-inconsistencies', { catalogueEntryId: 'HB-GAT-0001', ownEntryId: 'AH-MZT-0001', inconsistency: '同类数据不一致' }],
    ['mzt.li', '/api/quality-disputes', { catalogueEntryId: 'AH-GAT-0001', description: '跨省异议' }],
    ['sjz-gaj.wu', '/api/quality-disputes', { catalogueEntryId: 'AH-GAT-0001', description: '跨省异议' }],
  ] as const) {
    it(`${who} → ${url} for ${payload.catalogueEntryId}: 422 naming the entry, nothing opened`, async () => {
      const response = await post(who, url, payload);
      expect(response.statusCode, response.body).toBe(422);
      expect(response.json().errors[0].path).toBe('body.catalogueEntryId');
      expect(response.json().errors[0].messageZh).toContain('不在本省行政区域内');
    });
  }

  it('still takes a request within the province (a city department asking for provincial data is routed, not refused)', async () => {
    const response = await post('sjz-gaj.wu', '/api/share-requests', { catalogueEntryId: 'HB-SCJGJ-0001', scenario: '市级部门请求省级数据' });
    expect(response.statusCode, response.body).toBe(201);
  });
});
