import type { YearSchedule } from '../types.js';

/** 2023, from 国办发明电〔2022〕16号. */
export const schedule2023: YearSchedule = {
  year: 2023,
  notice: {
    title: '国务院办公厅关于2023年部分节假日安排的通知',
    documentNumber: '国办发明电〔2022〕16号',
    issuer: '国务院办公厅',
    publishedOn: '2022-12-08',
  },
  festivals: [
    { festival: 'newYear', offDays: ['2023-01-01', '2023-01-02'], makeUpDays: [] },
    {
      festival: 'springFestival',
      offDays: ['2023-01-21', '2023-01-22', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26', '2023-01-27'],
      makeUpDays: ['2023-01-28', '2023-01-29'],
    },
    { festival: 'qingming', offDays: ['2023-04-05'], makeUpDays: [] },
    {
      festival: 'labourDay',
      offDays: ['2023-04-29', '2023-04-30', '2023-05-01', '2023-05-02', '2023-05-03'],
      makeUpDays: ['2023-04-23', '2023-05-06'],
    },
    { festival: 'dragonBoat', offDays: ['2023-06-22', '2023-06-23', '2023-06-24'], makeUpDays: ['2023-06-25'] },
    {
      festival: 'nationalDayMidAutumn',
      offDays: [
        '2023-09-29', '2023-09-30', '2023-10-01', '2023-10-02',
        '2023-10-03', '2023-10-04', '2023-10-05', '2023-10-06',
      ],
      makeUpDays: ['2023-10-07', '2023-10-08'],
    },
  ],
  notes: [
    'The notice gives New Year as 2022-12-31 to 2023-01-02; 2022-12-31 is a Saturday in 2022 and changes no working day, so only the 2023 days are listed.',
  ],
};
