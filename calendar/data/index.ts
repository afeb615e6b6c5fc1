import type { YearSchedule } from '../types.js';
import { schedule2016 } from './2016.js';
import { schedule2017 } from './2017.js';
import { schedule2018 } from './2018.js';
import { schedule2019 } from './2019.js';
import { schedule2020 } from './2020.js';
import { schedule2021 } from './2021.js';
import { schedule2022 } from './2022.js';
import { schedule2023 } from './2023.js';
import { schedule2024 } from './2024.js';
import { schedule2025 } from './2025.js';
import { schedule2026 } from './2026.js';

export { schedule2016, schedule2017, schedule2018, schedule2019, schedule2020, schedule2021, schedule2022, schedule2023, schedule2024, schedule2025, schedule2026 };

/**
 * The built-in national schedules, 2016–2026. No 2027 notice had been published when this data was compiled; 2015's
 * notice is not transcribed. Those years get the statutory floor (`statutory.ts`) and are provisional.
 */
export const BUILT_IN_YEARS: readonly YearSchedule[] = [
  schedule2016,
  schedule2017,
  schedule2018,
  schedule2019,
  schedule2020,
  schedule2021,
  schedule2022,
  schedule2023,
  schedule2024,
  schedule2025,
  schedule2026,
];
