import { describe, expect, it } from 'vitest';
import { checkWebhookTarget, refusedAddressKind, type Resolve } from '../../activities/webhook-target';
import { LOOKUP_TIMEOUT_MS } from '../../activities/webhook-target/check';

const strict = { allowPrivateTargets: false, requireHttps: false };
const resolveTo =
  (...addresses: string[]): Resolve =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('which webhook targets may be called', () => {
  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://127.0.0.1:9/hook', 'loopback'],
    ['http://127.8.9.10/', 'loopback'],
    ['http://[::1]:9/hook', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'IPv4-mapped loopback'],
    ['http://[::ffff:a9fe:a9fe]/', 'IPv4-mapped link-local'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://[::]/', 'unspecified'],
    // The URL parser normalises these to 127.0.0.1 before anything else looks at them.
    ['http://2130706433/', 'loopback'],
    ['http://0x7f.0.0.1/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://10.1.2.3/', 'private'],
    ['http://172.16.0.1/', 'private'],
    ['http://172.31.255.255/', 'private'],
    ['http://192.168.1.1/', 'private'],
    ['http://100.64.0.1/', 'carrier-grade NAT'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[fc00::1]/', 'unique-local'],
    ['http://[fd12:3456::1]/', 'unique-local'],
    ['http://[ff02::1]/', 'multicast'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://255.255.255.255/', 'broadcast'],
    ['http://[64:ff9b::7f00:1]/', 'NAT64'],
    ['http://[2002:7f00:1::]/', '6to4'],
  ])('refuses %s as %s', async (url, kind) => {
    const check = await checkWebhookTarget(url, strict);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain(kind);
  });

  it('resolves a host name and refuses it when any of its addresses is not public (localhost, or a name pointing inside)', async () => {
    const localhost = await checkWebhookTarget('http://localhost:9/hook', strict);
    expect(localhost).toMatchObject({ ok: false });
    const mixed = await checkWebhookTarget('https://hooks.example.gov.cn/x', strict, resolveTo('93.184.216.34', '10.0.0.7'));
    expect(mixed).toMatchObject({ ok: false, reason: expect.stringContaining('resolves to 10.0.0.7') });
    const unresolvable = await checkWebhookTarget('https://nowhere.invalid/x', strict);
    expect(unresolvable).toMatchObject({ ok: false, reason: expect.stringContaining('does not resolve') });
  });

  it('gives up on a lookup that does not answer, as a target that does not resolve (a registration never hangs on DNS)', async () => {
    const started = Date.now();
    const check = await checkWebhookTarget('https://slow.example.gov.cn/x', strict, () => new Promise(() => undefined));
    expect(check).toMatchObject({ ok: false, reason: expect.stringContaining('ETIMEOUT') });
    expect(Date.now() - started).toBeLessThan(LOOKUP_TIMEOUT_MS + 2000);
  }, 15_000);

  it('accepts a public address, and returns the addresses it checked for the connection to use', async () => {
    const literal = await checkWebhookTarget('https://93.184.216.34/hook', strict);
    expect(literal).toMatchObject({ ok: true, target: { addresses: [{ address: '93.184.216.34', family: 4 }] } });
    const v6 = await checkWebhookTarget('https://[2606:4700:4700::1111]/hook', strict);
    expect(v6).toMatchObject({ ok: true, target: { addresses: [{ address: '2606:4700:4700::1111', family: 6 }] } });
    const named = await checkWebhookTarget('https://hooks.example.gov.cn/x', strict, resolveTo('93.184.216.34', '2606:4700:4700::1111'));
    expect(named.ok && named.target.addresses.map((a) => a.address)).toEqual(['93.184.216.34', '2606:4700:4700::1111']);
  });

  it('refuses a user name or password in the URL, and plain http where https is required', async () => {
    expect(await checkWebhookTarget('https://user:pw@93.184.216.34/hook', strict)).toMatchObject({ ok: false, reason: expect.stringContaining('user name or password') });
    expect(await checkWebhookTarget('https://user@93.184.216.34/hook', strict)).toMatchObject({ ok: false });
    expect(await checkWebhookTarget('http://93.184.216.34/hook', { ...strict, requireHttps: true })).toMatchObject({ ok: false, reason: expect.stringContaining('https') });
    expect(await checkWebhookTarget('ftp://93.184.216.34/hook', strict)).toMatchObject({ ok: false });
  });

  it('allows inner targets only when the explicit setting says so (tests, local development)', async () => {
    expect(await checkWebhookTarget('http://127.0.0.1:9/hook', { ...strict, allowPrivateTargets: true })).toMatchObject({ ok: true });
    // Userinfo stays refused even then.
    expect(await checkWebhookTarget('http://a:b@127.0.0.1:9/hook', { ...strict, allowPrivateTargets: true })).toMatchObject({ ok: false });
  });

  it('classifies the edges of each range right', () => {
    expect(refusedAddressKind('172.15.255.255')).toBeUndefined();
    expect(refusedAddressKind('172.32.0.0')).toBeUndefined();
    expect(refusedAddressKind('100.63.255.255')).toBeUndefined();
    expect(refusedAddressKind('100.128.0.0')).toBeUndefined();
    expect(refusedAddressKind('169.253.255.255')).toBeUndefined();
    expect(refusedAddressKind('8.8.8.8')).toBeUndefined();
    expect(refusedAddressKind('::ffff:8.8.8.8')).toBeUndefined();
    expect(refusedAddressKind('2001:4860:4860::8888')).toBeUndefined();
    expect(refusedAddressKind('fbff::1')).toBe('not global unicast');
    expect(refusedAddressKind('fe80::1%eth0')).toBe('link-local');
    expect(refusedAddressKind('not-an-ip')).toBe('not an IP address');
  });
});
