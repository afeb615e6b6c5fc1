import type { YearSchedule } from '../types.js';

/** 2020, from 国办发明电〔2019〕16号, amended by 国办发明电〔2020〕1号 (Spring Festival extended for COVID-19). */
export const schedule2020: YearSchedule = {
  year: 2020,
  notice: {
    title: '国务院办公厅关于2020年部分节假日安排的通知',
    documentNumber: '国办发明电〔2019〕16号',
    issuer: '国务院办公厅',
    publishedOn: '2019-11-21',
  },
  festivals: [
    { festival: 'newYear', offDays: ['2020-01-01'], makeUpDays: [] },
    {
      festival: 'springFestival',
      offDays: ['2020-01-24', '2020-01-25', '2020-01-26', '2020-01-27', '2020-01-28', '2020-01-29', '2020-01-30'],
      makeUpDays: ['2020-01-19', '2020-02-01'],
    },
    { festival: 'qingming', offDays: ['2020-04-04', '2020-04-05', '2020-04-06'], makeUpDays: [] },
    {
      festival: 'labourDay',
      offDays: ['2020-05-01', '2020-05-02', '2020-05-03', '2020-05-04', '2020-05-05'],
      makeUpDays: ['2020-04-26', '2020-05-09'],
    },
    { festival: 'dragonBoat', offDays: ['2020-06-25', '2020-06-26', '2020-06-27'], makeUpDays: ['2020-06-28'] },
    {
      festival: 'nationalDayMidAutumn',
      offDays: [
        '2020-10-01', '2020-10-02', '2020-10-03', '2020-10-04',
        '2020-10-05', '2020-10-06', '2020-10-07', '2020-10-08',
      ],
      makeUpDays: ['2020-09-27', '2020-10-10'],
    },
  ],
  amendments: [
    {
      notice: {
        title: '国务院办公厅关于延长2020年春节假期的通知',
        documentNumber: '国办发明电〔2020〕1号',
        issuer: '国务院办公厅',
        publishedOn: '2020-01-26',
      },
      festival: 'springFestival',
      addOffDays: ['2020-01-31', '2020-02-01', '2020-02-02'],
      removeMakeUpDays: ['2020-02-01'],
      summary: '春节假期延长至2月2日，2月3日起正常上班 / Spring Festival extended to 2 Feb; work resumed 3 Feb',
    },
  ],
};
