import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DATA_DIR } from './paths';

/** Where `npm start` keeps the secrets it generated for this installation. */
export const SECRETS_DIR = resolve(DATA_DIR, 'secrets');

/** A fresh random secret (32 bytes, base64url: safe in a connection URL without escaping). */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The installation's secret `name`: read from `<dir>/<name>` when it exists, else generated and written there once
 * (mode 0600 in a 0700 folder, created exclusively so two starts at once agree on one value). `created` says which,
 * so a caller can move an existing service from its old credential to this one.
 */
export function installationSecret(name: string, dir = SECRETS_DIR): { value: string; created: boolean; path: string } {
  const path = resolve(dir, name);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, `${generateSecret()}\n`, { mode: 0o600, flag: 'wx' });
    return { value: readSecret(path), created: true, path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // Tightened if someone loosened it; the value itself is kept, since the service was set up with it.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return { value: readSecret(path), created: false, path };
}

function readSecret(path: string): string {
  const value = readFileSync(path, 'utf8').trim();
  if (!value) throw new Error(`${path} is empty: delete it to have a new secret generated (the service it guards must then be reset too)`);
  return value;
}
