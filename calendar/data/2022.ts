import type { YearSchedule } from '../types.js';

/** 2022, from 国办发明电〔2021〕11号. */
export const schedule2022: YearSchedule = {
  year: 2022,
  notice: {
    title: '国务院办公厅关于2022年部分节假日安排的通知',
    documentNumber: '国办发明电〔2021〕11号',
    issuer: '国务院办公厅',
    publishedOn: '2021-10-25',
    url: 'http://www.beijing.gov.cn/zhengce/zhengcefagui/202110/t20211026_2520500.html',
  },
  festivals: [
    { festival: 'newYear', offDays: ['2022-01-01', '2022-01-02', '2022-01-03'], makeUpDays: [] },
    {
      festival: 'springFestival',
      offDays: ['2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04', '2022-02-05', '2022-02-06'],
      makeUpDays: ['2022-01-29', '2022-01-30'],
    },
    { festival: 'qingming', offDays: ['2022-04-03', '2022-04-04', '2022-04-05'], makeUpDays: ['2022-04-02'] },
    {
      festival: 'labourDay',
      offDays: ['2022-04-30', '2022-05-01', '2022-05-02', '2022-05-03', '2022-05-04'],
      makeUpDays: ['2022-04-24', '2022-05-07'],
    },
    { festival: 'dragonBoat', offDays: ['2022-06-03', '2022-06-04', '2022-06-05'], makeUpDays: [] },
    { festival: 'midAutumn', offDays: ['2022-09-10', '2022-09-11', '2022-09-12'], makeUpDays: [] },
    {
      festival: 'nationalDay',
      offDays: ['2022-10-01', '2022-10-02', '2022-10-03', '2022-10-04', '2022-10-05', '2022-10-06', '2022-10-07'],
      makeUpDays: ['2022-10-08', '2022-10-09'],
    },
  ],
};
