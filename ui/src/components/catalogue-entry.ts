import { api } from '../api';
import { useLoad } from '../hooks';
import type { CatalogueEntry } from '../types';

/**
 * One catalogue entry by id, from the catalogue every department may read; `undefined` while it loads or when the
 * catalogue cannot be read (the facts then show the id alone), `null` when no entry has that id.
 */
export function useCatalogueEntry(id: string | null | undefined): { entry: CatalogueEntry | null | undefined; reload(): void } {
  const loaded = useLoad(async (signal) => (id ? ((await api.catalogue(signal)).find((e) => e.id === id) ?? null) : null), [id]);
  return { entry: loaded.state === 'ok' ? loaded.data : undefined, reload: loaded.reload };
}
