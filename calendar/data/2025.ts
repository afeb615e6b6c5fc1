import type { YearSchedule } from '../types.js';

/**
 * 2025, from 国办发明电〔2024〕12号: the first year under the November 2024 revision of the national holiday
 * measures (Spring Festival and Labour Day one more day each).
 */
export const schedule2025: YearSchedule = {
  year: 2025,
  notice: {
    title: '国务院办公厅关于2025年部分节假日安排的通知',
    documentNumber: '国办发明电〔2024〕12号',
    issuer: '国务院办公厅',
    publishedOn: '2024-11-12',
    url: 'https://www.gov.cn/zhengce/content/202411/content_6986382.htm',
  },
  festivals: [
    { festival: 'newYear', offDays: ['2025-01-01'], makeUpDays: [] },
    {
      festival: 'springFestival',
      offDays: [
        '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31',
        '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04',
      ],
      makeUpDays: ['2025-01-26', '2025-02-08'],
    },
    { festival: 'qingming', offDays: ['2025-04-04', '2025-04-05', '2025-04-06'], makeUpDays: [] },
    {
      festival: 'labourDay',
      offDays: ['2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05'],
      makeUpDays: ['2025-04-27'],
    },
    { festival: 'dragonBoat', offDays: ['2025-05-31', '2025-06-01', '2025-06-02'], makeUpDays: [] },
    {
      festival: 'nationalDayMidAutumn',
      offDays: [
        '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04',
        '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08',
      ],
      makeUpDays: ['2025-09-28', '2025-10-11'],
    },
  ],
};
