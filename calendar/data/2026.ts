import type { YearSchedule } from '../types.js';

/** 2026, from 国办发明电〔2025〕7号. */
export const schedule2026: YearSchedule = {
  year: 2026,
  notice: {
    title: '国务院办公厅关于2026年部分节假日安排的通知',
    documentNumber: '国办发明电〔2025〕7号',
    issuer: '国务院办公厅',
    publishedOn: '2025-11-04',
    url: 'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm',
  },
  festivals: [
    { festival: 'newYear', offDays: ['2026-01-01', '2026-01-02', '2026-01-03'], makeUpDays: ['2026-01-04'] },
    {
      festival: 'springFestival',
      offDays: [
        '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19',
        '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
      ],
      makeUpDays: ['2026-02-14', '2026-02-28'],
    },
    { festival: 'qingming', offDays: ['2026-04-04', '2026-04-05', '2026-04-06'], makeUpDays: [] },
    {
      festival: 'labourDay',
      offDays: ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'],
      makeUpDays: ['2026-05-09'],
    },
    { festival: 'dragonBoat', offDays: ['2026-06-19', '2026-06-20', '2026-06-21'], makeUpDays: [] },
    { festival: 'midAutumn', offDays: ['2026-09-25', '2026-09-26', '2026-09-27'], makeUpDays: [] },
    {
      festival: 'nationalDay',
      offDays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
      makeUpDays: ['2026-09-20', '2026-10-10'],
    },
  ],
};
