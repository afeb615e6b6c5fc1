import type { YearSchedule } from '../types.js';

/** 2016, from 国办发明电〔2015〕18号. */
export const schedule2016: YearSchedule = {
  year: 2016,
  notice: {
    title: '国务院办公厅关于2016年部分节假日安排的通知',
    documentNumber: '国办发明电〔2015〕18号',
    issuer: '国务院办公厅',
    publishedOn: '2015-12-10',
    url: 'http://www.gov.cn/zhengce/content/2015-12/10/content_10394.htm',
  },
  festivals: [
    { festival: 'newYear', offDays: ['2016-01-01'], makeUpDays: [] },
    {
      festival: 'springFestival',
      offDays: ['2016-02-07', '2016-02-08', '2016-02-09', '2016-02-10', '2016-02-11', '2016-02-12', '2016-02-13'],
      makeUpDays: ['2016-02-06', '2016-02-14'],
    },
    { festival: 'qingming', offDays: ['2016-04-04'], makeUpDays: [] },
    { festival: 'labourDay', offDays: ['2016-05-01', '2016-05-02'], makeUpDays: [] },
    { festival: 'dragonBoat', offDays: ['2016-06-09', '2016-06-10', '2016-06-11'], makeUpDays: ['2016-06-12'] },
    { festival: 'midAutumn', offDays: ['2016-09-15', '2016-09-16', '2016-09-17'], makeUpDays: ['2016-09-18'] },
    {
      festival: 'nationalDay',
      offDays: ['2016-10-01', '2016-10-02', '2016-10-03', '2016-10-04', '2016-10-05', '2016-10-06', '2016-10-07'],
      makeUpDays: ['2016-10-08', '2016-10-09'],
    },
  ],
  notes: [
    'New Year (Jan 1) and Qingming (Apr 4) are "放假，与周末连休": only the day named is listed, the adjoining weekend stays a weekend.',
    'Labour Day: May 1 (a Sunday) off and Monday May 2 as its substitute day (补休).',
  ],
};
