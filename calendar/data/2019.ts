import type { YearSchedule } from '../types.js';

/** 2019, from 国办发明电〔2018〕15号, amended by 国办发明电〔2019〕3号 (Labour Day extended to May 1–4). */
export const schedule2019: YearSchedule = {
  year: 2019,
  notice: {
    title: '国务院办公厅关于2019年部分节假日安排的通知',
    documentNumber: '国办发明电〔2018〕15号',
    issuer: '国务院办公厅',
    publishedOn: '2018-12-04',
  },
  festivals: [
    { festival: 'newYear', offDays: ['2019-01-01'], makeUpDays: [] },
    {
      festival: 'springFestival',
      offDays: ['2019-02-04', '2019-02-05', '2019-02-06', '2019-02-07', '2019-02-08', '2019-02-09', '2019-02-10'],
      makeUpDays: ['2019-02-02', '2019-02-03'],
    },
    { festival: 'qingming', offDays: ['2019-04-05'], makeUpDays: [] },
    { festival: 'labourDay', offDays: ['2019-05-01'], makeUpDays: [] },
    { festival: 'dragonBoat', offDays: ['2019-06-07'], makeUpDays: [] },
    { festival: 'midAutumn', offDays: ['2019-09-13'], makeUpDays: [] },
    {
      festival: 'nationalDay',
      offDays: ['2019-10-01', '2019-10-02', '2019-10-03', '2019-10-04', '2019-10-05', '2019-10-06', '2019-10-07'],
      makeUpDays: ['2019-09-29', '2019-10-12'],
    },
  ],
  amendments: [
    {
      notice: {
        title: '国务院办公厅关于调整2019年劳动节假期安排的通知',
        documentNumber: '国办发明电〔2019〕3号',
        issuer: '国务院办公厅',
        publishedOn: '2019-03-22',
      },
      festival: 'labourDay',
      addOffDays: ['2019-05-02', '2019-05-03', '2019-05-04'],
      removeMakeUpDays: [],
      addMakeUpDays: ['2019-04-28', '2019-05-05'],
      summary:
        '劳动节调整为5月1日至4日放假调休，4月28日（星期日）、5月5日（星期日）上班 / Labour Day changed to May 1–4, Sundays Apr 28 and May 5 working days',
    },
  ],
  notes: [
    'The notice gives New Year as 2018-12-30 to 2019-01-01 with Saturday 2018-12-29 a working day; the 2018 days are on the 2018 schedule as an amendment citing this notice.',
  ],
};
