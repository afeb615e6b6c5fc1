import type { YearSchedule } from '../types.js';

/** 2017, from 国办发明电〔2016〕17号. */
export const schedule2017: YearSchedule = {
  year: 2017,
  notice: {
    title: '国务院办公厅关于2017年部分节假日安排的通知',
    documentNumber: '国办发明电〔2016〕17号',
    issuer: '国务院办公厅',
    publishedOn: '2016-12-01',
    url: 'http://www.gov.cn/zhengce/content/2016-12/01/content_5141603.htm',
  },
  festivals: [
    { festival: 'newYear', offDays: ['2017-01-01', '2017-01-02'], makeUpDays: [] },
    {
      festival: 'springFestival',
      offDays: ['2017-01-27', '2017-01-28', '2017-01-29', '2017-01-30', '2017-01-31', '2017-02-01', '2017-02-02'],
      makeUpDays: ['2017-01-22', '2017-02-04'],
    },
    { festival: 'qingming', offDays: ['2017-04-02', '2017-04-03', '2017-04-04'], makeUpDays: ['2017-04-01'] },
    { festival: 'labourDay', offDays: ['2017-05-01'], makeUpDays: [] },
    { festival: 'dragonBoat', offDays: ['2017-05-28', '2017-05-29', '2017-05-30'], makeUpDays: ['2017-05-27'] },
    {
      festival: 'nationalDayMidAutumn',
      offDays: [
        '2017-10-01', '2017-10-02', '2017-10-03', '2017-10-04',
        '2017-10-05', '2017-10-06', '2017-10-07', '2017-10-08',
      ],
      makeUpDays: ['2017-09-30'],
    },
  ],
  notes: ['New Year: Jan 1 (a Sunday) off and Monday Jan 2 as its substitute day (补休).'],
};
