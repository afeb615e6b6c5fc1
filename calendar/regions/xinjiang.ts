import type { RegionOverlay } from '../types.js';

const ISSUER = '新疆维吾尔自治区人民政府办公厅';

/**
 * Xinjiang's extra days off for Rozi (Eid al-Fitr) and Corban (Eid al-Adha), from the autonomous region's annual
 * holiday notice, under 《新疆维吾尔自治区少数民族习惯节日放假办法》 (自治区人民政府令第174号). Only the regional days are
 * listed; the national days come from the State Council notice. Years not listed (2020, 2021, 2024, 2026) are
 * unknown for this region: their notices were not found, so periods reaching them are provisional.
 */
export const xinjiang: RegionOverlay = {
  id: 'xinjiang',
  name: '新疆维吾尔自治区 Xinjiang Uygur Autonomous Region',
  legalBasis: '《新疆维吾尔自治区少数民族习惯节日放假办法》（自治区人民政府令第174号）',
  years: [
    {
      year: 2022,
      notice: { title: '新疆维吾尔自治区2022年节假日放假安排和冬夏季作息时间的通知', documentNumber: '', issuer: ISSUER },
      festivals: [
        { festival: 'eidAlFitr', offDays: ['2022-05-05'], makeUpDays: [] },
        {
          festival: 'corban',
          offDays: ['2022-07-09', '2022-07-10', '2022-07-11', '2022-07-12', '2022-07-13'],
          makeUpDays: [],
        },
      ],
      notes: [
        'Rozi fell on 2022-05-03 (already a national Labour Day off day); the notice gives 2022-05-05 off instead.',
        'Title and text as reproduced by secondary sources; no document number was found.',
      ],
    },
    {
      year: 2023,
      notice: {
        title: '新疆维吾尔自治区人民政府办公厅关于2023年节假日放假安排和冬夏季作息时间的通知',
        documentNumber: '',
        issuer: ISSUER,
        publishedOn: '2022-12-25',
      },
      festivals: [
        { festival: 'eidAlFitr', offDays: ['2023-04-21'], makeUpDays: [] },
        { festival: 'corban', offDays: ['2023-06-28', '2023-06-29', '2023-06-30'], makeUpDays: [] },
      ],
      notes: ['Rozi fell on Saturday 2023-04-22; the notice gives Friday 2023-04-21 off.'],
    },
    {
      year: 2025,
      notice: {
        title: '新疆维吾尔自治区人民政府办公厅关于2025年节假日放假调休日期和冬夏季作息时间安排的通知',
        documentNumber: '',
        issuer: ISSUER,
      },
      festivals: [
        { festival: 'eidAlFitr', offDays: ['2025-03-29', '2025-03-30', '2025-03-31'], makeUpDays: [] },
        {
          festival: 'corban',
          offDays: ['2025-06-06', '2025-06-07', '2025-06-08', '2025-06-09', '2025-06-10'],
          makeUpDays: [],
        },
      ],
      notes: ['Cites 国办发明电〔2024〕12号 and 自治区人民政府令第174号; title as reproduced by secondary sources.'],
    },
  ],
};
