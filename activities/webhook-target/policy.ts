/** Where webhooks may point. Read from the environment once per process; tests pass their own. */
export interface WebhookTargetPolicy {
  /**
   * Loopback, private, link-local and other non-public targets allowed: only for tests and local development with a
   * receiver on the same machine. `WEBHOOKS_ALLOW_PRIVATE_TARGETS=true`.
   * @default false
   */
  allowPrivateTargets: boolean;
  /**
   * Only `https:` targets: the signed body and its signature cross networks the departments do not control.
   * `WEBHOOKS_REQUIRE_HTTPS=true|false`.
   * @default true when NODE_ENV=production, else false
   */
  requireHttps: boolean;
}

export function webhookPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): WebhookTargetPolicy {
  const requireHttps = env.WEBHOOKS_REQUIRE_HTTPS;
  return {
    allowPrivateTargets: env.WEBHOOKS_ALLOW_PRIVATE_TARGETS === 'true',
    requireHttps: requireHttps === undefined || requireHttps === '' ? env.NODE_ENV === 'production' : requireHttps === 'true',
  };
}
