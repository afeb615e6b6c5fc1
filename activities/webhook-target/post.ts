import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedTarget } from './check';

/** The outcome of one POST: the receiver's status, or why there was none. */
export type PostOutcome = { status: number; error?: string } | { status: null; error: string };

/** POSTs a body to a checked target; the delivery activity's only way out to the network. */
export type PostToTarget = (target: CheckedTarget, headers: Record<string, string>, body: string) => Promise<PostOutcome>;

/**
 * A `lookup` that answers with the addresses already checked, so the connection goes where the check looked and a
 * DNS answer that changes between check and connect (rebinding) cannot move it. TLS still verifies the certificate
 * against the URL's host name, which stays the request's `host` and SNI.
 */
function pinnedLookup(target: CheckedTarget): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = target.addresses.filter((a) => !options.family || options.family === a.family);
    const list = wanted.length > 0 ? wanted : target.addresses;
    if (options.all) (callback as unknown as (e: null, a: typeof list) => void)(null, list);
    else callback(null, list[0]!.address, list[0]!.family);
  };
}

/**
 * One POST, no redirects followed: a 3xx is a failed delivery (following it would re-send the signed body to wherever
 * the receiver points, unchecked). Any status outside 2xx is an error; the body of the answer is not read.
 */
export const postToTarget: PostToTarget = (target, headers, body) =>
  new Promise((resolve) => {
    const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      target.url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup: pinnedLookup(target), signal: AbortSignal.timeout(10_000) },
      (res: IncomingMessage) => {
        res.resume();
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve({ status });
        else if (status >= 300 && status < 400) resolve({ status, error: `HTTP ${status}: redirects are not followed` });
        else resolve({ status, error: `HTTP ${status}` });
      },
    );
    req.on('error', (error) => resolve({ status: null, error: error.message }));
    req.end(body);
  });
