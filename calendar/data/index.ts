import type { YearSchedule } from '../types.js';
import { schedule2020 } from './2020.js';
import { schedule2021 } from './2021.js';
import { schedule2022 } from './2022.js';
import { schedule2023 } from './2023.js';
import { schedule2024 } from './2024.js';
import { schedule2025 } from './2025.js';
import { schedule2026 } from './2026.js';

export { schedule2020, schedule2021, schedule2022, schedule2023, schedule2024, schedule2025, schedule2026 };

/** The built-in national schedules, 2020–2026. No 2027 notice had been published when this data was compiled. */
export const BUILT_IN_YEARS: readonly YearSchedule[] = [
  schedule2020,
  schedule2021,
  schedule2022,
  schedule2023,
  schedule2024,
  schedule2025,
  schedule2026,
];
