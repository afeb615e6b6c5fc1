import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyPassword } from '../../db/password';
import { startStack, testSecurity, type TestStack } from '../support/stack';

// The real scrypt check, watched: which hashes it is asked to compare against.
vi.mock('../../db/password', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../db/password')>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});
const verify = vi.mocked(verifyPassword);

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack({ ...testSecurity, loginAttemptsPerMinute: 3, loginAttemptsPerAddressPerMinute: 8 });
});
afterAll(() => stack?.stop());

const login = (username: string, password: string, remoteAddress: string) =>
  stack.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password } });

describe('sign-in', () => {
  it('runs the password check for an unknown user name too, against a hash of the same cost, and answers the same', async () => {
    const before = verify.mock.calls.length;
    const unknown = await login('no.such.user', 'demo1234', '192.0.2.1');
    const known = await login('data.chen', 'wrong-password', '192.0.2.1');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(known.json());
    const calls = verify.mock.calls.slice(before);
    expect(calls).toHaveLength(2);
    const dummyHash = String(calls[0]![1]);
    const realHash = String(calls[1]![1]);
    // scrypt$N$r$p$salt$hash: the dummy has the real hashes' parameters, so it costs what they cost.
    expect(dummyHash.split('$').slice(0, 4)).toEqual(realHash.split('$').slice(0, 4));
    expect(dummyHash).not.toBe(realHash);
  });

  it('limits one address across user names (password spraying), and one user name per address', async () => {
    const names = ['mzt.li', 'gat.zhang', 'scjgj.wang', 'rst.liu', 'wsjkw.yang', 'data.chen', 'data.zhao', 'gov.sun', 'admin', 'nda.gao', 'ah-gat.he', 'ah-mzt.ma'];
    const statuses: number[] = [];
    for (const name of names) statuses.push((await login(name, 'Spring2025!', '192.0.2.2')).statusCode);
    expect(statuses).toEqual([...Array(8).fill(401), ...Array(4).fill(429)]);
    // Another address still signs in.
    expect((await login('mzt.li', 'demo1234', '192.0.2.3')).statusCode).toBe(200);
    // One name from one address: its own, smaller budget.
    const one: number[] = [];
    for (let i = 0; i < 4; i++) one.push((await login('gov.sun', `guess-${i}`, '192.0.2.4')).statusCode);
    expect(one).toEqual([401, 401, 401, 429]);
  });
});
