import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { refusedAddressKind } from './address-ranges';
import type { WebhookTargetPolicy } from './policy';

/** One address a host resolved to, as `dns.lookup` gives it. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** A target that passed the checks: deliver to these addresses and no others (see `postToTarget`). */
export interface CheckedTarget {
  url: URL;
  addresses: ResolvedAddress[];
}

/** A target refused, with the reason (English for the delivery record and the problem; `reasonZh` the same in Chinese). */
export type TargetCheck = { ok: true; target: CheckedTarget } | { ok: false; reason: string; reasonZh: string };

/** Resolves a host name to every address it has. */
export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>;

const systemResolve: Resolve = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/** How long a lookup may take before the target counts as not resolving (a registration must not hang on DNS). */
export const LOOKUP_TIMEOUT_MS = 5000;

async function resolveInTime(resolve: Resolve, host: string): Promise<ResolvedAddress[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('DNS lookup timed out'), { code: 'ETIMEOUT' })), LOOKUP_TIMEOUT_MS);
  });
  try {
    return await Promise.race([resolve(host), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Decides whether a webhook URL may be called, at registration and again before every delivery (DNS may have changed
 * in between). The URL parser has already normalised decimal, octal and hex IPv4 forms (`http://2130706433/` is
 * `127.0.0.1`), so the host is checked in its canonical form; a host name is resolved and *every* address it has must
 * be public, since the connection may use any of them.
 */
export async function checkWebhookTarget(raw: string, policy: WebhookTargetPolicy, resolve: Resolve = systemResolve): Promise<TargetCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'is not a valid absolute URL', reasonZh: '不是有效的完整网址' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'must be an http(s) URL', reasonZh: '须为 http(s) 网址' };
  if (policy.requireHttps && url.protocol !== 'https:') return { ok: false, reason: 'must use https (required in production)', reasonZh: '须使用 https（生产环境要求）' };
  if (url.username || url.password) {
    return {
      ok: false,
      reason: 'must not contain a user name or password (the signature authenticates each delivery)',
      reasonZh: '不能含有用户名或密码（每次推送由签名认证）',
    };
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: ResolvedAddress[];
  const literal = isIP(host);
  if (literal) addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await resolveInTime(resolve, host);
    } catch (error) {
      return { ok: false, reason: `host ${host} does not resolve (${(error as { code?: string }).code ?? 'lookup failed'})`, reasonZh: `无法解析主机 ${host}` };
    }
    if (addresses.length === 0) return { ok: false, reason: `host ${host} does not resolve`, reasonZh: `无法解析主机 ${host}` };
  }
  if (!policy.allowPrivateTargets) {
    for (const { address } of addresses) {
      const kind = refusedAddressKind(address);
      if (kind) {
        const via = literal ? '' : ` (${host} resolves to ${address})`;
        return {
          ok: false,
          reason: `must reach a public address: ${literal ? address : 'the host'} is a ${kind} address${via}`,
          reasonZh: `须指向公网地址：${literal ? address : `${host} 解析到 ${address}，`}属于内网、回环或保留地址（${kind}）`,
        };
      }
    }
  }
  return { ok: true, target: { url, addresses } };
}
