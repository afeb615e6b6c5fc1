import { mkdtempSync, rmSync, statSync, chmodSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { LEGACY_PASSWORD, startEmbeddedPostgres } from '../../scripts/embedded-postgres';
import { DATA_DIR } from '../../scripts/paths';
import { installationSecret } from '../../scripts/secrets';
import { freePort } from '../support/free-port';

const scratch = mkdtempSync(resolve(tmpdir(), 'gds-secrets-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the installation's own secrets", () => {
  it('are generated once into the data folder, readable by the owner only, and the same on every later start', () => {
    const dir = resolve(scratch, 'secrets');
    const first = installationSecret('postgres-password', dir);
    expect(first.created).toBe(true);
    expect(first.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const again = installationSecret('postgres-password', dir);
    expect(again).toEqual({ ...first, created: false });
    // Loosened by hand: tightened again, value kept.
    chmodSync(first.path, 0o644);
    expect(installationSecret('postgres-password', dir).value).toBe(first.value);
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    expect(readFileSync(first.path, 'utf8').trim()).toBe(first.value);
    expect(installationSecret('other', dir).value).not.toBe(first.value);
  });

  it('move an embedded Postgres made with the well-known password onto its own, which the next start reuses and finds its data with', async () => {
    // Under DATA_DIR, as `npm start`'s is: as root, the postgres user must be able to reach the directory.
    const dataDir = resolve(DATA_DIR, 'test', `secrets-${process.pid}`, 'pg');
    const port = await freePort();
    const secret = installationSecret('postgres-password', resolve(scratch, 'pg-secrets')).value;
    const canConnect = async (password: string) => {
      const sql = postgres({ host: '127.0.0.1', port, user: 'postgres', password, database: 'datasharing', max: 1, connect_timeout: 5, onnotice: () => undefined });
      try {
        return (await sql`select count(*)::int as n from kept`)[0]?.n as number;
      } catch (error) {
        return (error as { code?: string }).code ?? String(error);
      } finally {
        await sql.end();
      }
    };
    try {
      // An installation from before: initialised with the password every installation used to have.
      const old = await startEmbeddedPostgres({ dataDir, port, password: LEGACY_PASSWORD, quiet: true });
      const sql = postgres(old.url, { max: 1, onnotice: () => undefined });
      await sql`create table kept (id int)`;
      await sql`insert into kept values (1), (2)`;
      await sql.end();
      await old.stop();

      const moved = await startEmbeddedPostgres({ dataDir, port, password: secret, previousPassword: LEGACY_PASSWORD, quiet: true });
      expect(moved.url).toContain(`:${secret}@`);
      expect(await canConnect(secret)).toBe(2);
      expect(await canConnect(LEGACY_PASSWORD)).toBe('28P01');
      await moved.stop();

      const next = await startEmbeddedPostgres({ dataDir, port, password: secret, previousPassword: LEGACY_PASSWORD, quiet: true });
      expect(await canConnect(secret)).toBe(2);
      await next.stop();
    } finally {
      rmSync(resolve(dataDir, '..'), { recursive: true, force: true });
    }
  }, 120_000);
});
