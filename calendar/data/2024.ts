import type { YearSchedule } from '../types.js';

/** 2024, from 国办发明电〔2023〕7号. */
export const schedule2024: YearSchedule = {
  year: 2024,
  notice: {
    title: '国务院办公厅关于2024年部分节假日安排的通知',
    documentNumber: '国办发明电〔2023〕7号',
    issuer: '国务院办公厅',
    publishedOn: '2023-10-25',
  },
  festivals: [
    { festival: 'newYear', offDays: ['2024-01-01'], makeUpDays: [] },
    {
      festival: 'springFestival',
      offDays: [
        '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13',
        '2024-02-14', '2024-02-15', '2024-02-16', '2024-02-17',
      ],
      makeUpDays: ['2024-02-04', '2024-02-18'],
    },
    { festival: 'qingming', offDays: ['2024-04-04', '2024-04-05', '2024-04-06'], makeUpDays: ['2024-04-07'] },
    {
      festival: 'labourDay',
      offDays: ['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04', '2024-05-05'],
      makeUpDays: ['2024-04-28', '2024-05-11'],
    },
    { festival: 'dragonBoat', offDays: ['2024-06-10'], makeUpDays: [] },
    { festival: 'midAutumn', offDays: ['2024-09-15', '2024-09-16', '2024-09-17'], makeUpDays: ['2024-09-14'] },
    {
      festival: 'nationalDay',
      offDays: ['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-05', '2024-10-06', '2024-10-07'],
      makeUpDays: ['2024-09-29', '2024-10-12'],
    },
  ],
  notes: ['The notice encourages, but does not grant, a day off on New Year\'s Eve (2024-02-09); it stays a working day.'],
};
