import type { YearSchedule } from '../types.js';

/** 2021, from 国办发明电〔2020〕27号. */
export const schedule2021: YearSchedule = {
  year: 2021,
  notice: {
    title: '国务院办公厅关于2021年部分节假日安排的通知',
    documentNumber: '国办发明电〔2020〕27号',
    issuer: '国务院办公厅',
    publishedOn: '2020-11-25',
  },
  festivals: [
    { festival: 'newYear', offDays: ['2021-01-01', '2021-01-02', '2021-01-03'], makeUpDays: [] },
    {
      festival: 'springFestival',
      offDays: ['2021-02-11', '2021-02-12', '2021-02-13', '2021-02-14', '2021-02-15', '2021-02-16', '2021-02-17'],
      makeUpDays: ['2021-02-07', '2021-02-20'],
    },
    { festival: 'qingming', offDays: ['2021-04-03', '2021-04-04', '2021-04-05'], makeUpDays: [] },
    {
      festival: 'labourDay',
      offDays: ['2021-05-01', '2021-05-02', '2021-05-03', '2021-05-04', '2021-05-05'],
      makeUpDays: ['2021-04-25', '2021-05-08'],
    },
    { festival: 'dragonBoat', offDays: ['2021-06-12', '2021-06-13', '2021-06-14'], makeUpDays: [] },
    { festival: 'midAutumn', offDays: ['2021-09-19', '2021-09-20', '2021-09-21'], makeUpDays: ['2021-09-18'] },
    {
      festival: 'nationalDay',
      offDays: ['2021-10-01', '2021-10-02', '2021-10-03', '2021-10-04', '2021-10-05', '2021-10-06', '2021-10-07'],
      makeUpDays: ['2021-09-26', '2021-10-09'],
    },
  ],
};
