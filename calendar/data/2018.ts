import type { YearSchedule } from '../types.js';

/** 2018, from 国办发明电〔2017〕12号; its last days from the 2019 notice (国办发明电〔2018〕15号). */
export const schedule2018: YearSchedule = {
  year: 2018,
  notice: {
    title: '国务院办公厅关于2018年部分节假日安排的通知',
    documentNumber: '国办发明电〔2017〕12号',
    issuer: '国务院办公厅',
    publishedOn: '2017-11-30',
  },
  festivals: [
    { festival: 'newYear', offDays: ['2018-01-01'], makeUpDays: [] },
    {
      festival: 'springFestival',
      offDays: ['2018-02-15', '2018-02-16', '2018-02-17', '2018-02-18', '2018-02-19', '2018-02-20', '2018-02-21'],
      makeUpDays: ['2018-02-11', '2018-02-24'],
    },
    { festival: 'qingming', offDays: ['2018-04-05', '2018-04-06', '2018-04-07'], makeUpDays: ['2018-04-08'] },
    { festival: 'labourDay', offDays: ['2018-04-29', '2018-04-30', '2018-05-01'], makeUpDays: ['2018-04-28'] },
    { festival: 'dragonBoat', offDays: ['2018-06-18'], makeUpDays: [] },
    { festival: 'midAutumn', offDays: ['2018-09-24'], makeUpDays: [] },
    {
      festival: 'nationalDay',
      offDays: ['2018-10-01', '2018-10-02', '2018-10-03', '2018-10-04', '2018-10-05', '2018-10-06', '2018-10-07'],
      makeUpDays: ['2018-09-29', '2018-09-30'],
    },
  ],
  amendments: [
    {
      notice: {
        title: '国务院办公厅关于2019年部分节假日安排的通知',
        documentNumber: '国办发明电〔2018〕15号',
        issuer: '国务院办公厅',
        publishedOn: '2018-12-04',
      },
      festival: 'newYear',
      addOffDays: ['2018-12-30', '2018-12-31'],
      removeMakeUpDays: [],
      addMakeUpDays: ['2018-12-29'],
      summary:
        '2019年元旦：2018年12月30日至2019年1月1日放假调休，2018年12月29日（星期六）上班 / New Year 2019: 30 Dec 2018 to 1 Jan 2019 off, Saturday 29 Dec 2018 a working day',
    },
  ],
};
