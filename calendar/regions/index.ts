import type { RegionOverlay } from '../types.js';
import { xinjiang } from './xinjiang.js';

export { xinjiang };

/** The default jurisdiction: the State Council schedule only. */
export const NATIONAL = 'national';

/** Jurisdictions that follow the national schedule with no regional days: Hebei and Anhui provinces. */
export const INHERITING_JURISDICTIONS: readonly string[] = ['hebei', 'anhui'];

/** The built-in region overlays. */
export const BUILT_IN_OVERLAYS: readonly RegionOverlay[] = [xinjiang];
