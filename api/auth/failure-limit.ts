/**
 * Failed authentications per address in fixed one-minute windows, kept in memory (per API instance). It is consulted
 * before a credential is looked up, so a flood of bad tokens costs a map lookup, not a database query each.
 */
export class AuthFailureLimit {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly maxPerWindow: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the address may try again, or 0 when it may now. */
  retryAfter(address: string): number {
    const w = this.windows.get(address);
    const now = this.now();
    if (!w || w.resetAt <= now) return 0;
    return w.count >= this.maxPerWindow ? Math.ceil((w.resetAt - now) / 1000) : 0;
  }

  record(address: string): void {
    const now = this.now();
    const w = this.windows.get(address);
    if (!w || w.resetAt <= now) {
      if (this.windows.size > 100_000) this.prune(now);
      this.windows.set(address, { count: 1, resetAt: now + this.windowMs });
    } else {
      w.count += 1;
    }
  }

  private prune(now: number): void {
    for (const [address, w] of this.windows) if (w.resetAt <= now) this.windows.delete(address);
  }
}
