import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** The one ignored folder for everything the project builds, fetches or persists locally. */
export const DATA_DIR = resolve(process.env.DATA_DIR ?? resolve(ROOT, '.data'));

export const TOOLS_DIR = resolve(DATA_DIR, 'tools');
