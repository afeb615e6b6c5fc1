import { PackStore } from '../db/pack-store';
import type { AppDeps } from './app';

const own = new WeakMap<object, PackStore>();

/** The rule packs of this API instance: `deps.packs` (buildApp sets it), else one store per database handle. */
export function packStore(deps: Pick<AppDeps, 'db' | 'packs'>): PackStore {
  if (deps.packs) return deps.packs;
  let store = own.get(deps.db);
  if (!store) own.set(deps.db, (store = new PackStore(deps.db, 1000)));
  return store;
}
