import type { departments } from '../schema';

type Department = typeof departments.$inferInsert;

const hebei = { jurisdiction: 'hebei' } as const;
const province = { ...hebei, level: 'province', authorityId: 'hb-data', governmentId: 'hb-gov', upperAuthorityId: 'nda' } as const;
const anhui = { jurisdiction: 'anhui', level: 'province', authorityId: 'ah-data', governmentId: 'ah-gov', upperAuthorityId: 'nda' } as const;
const shijiazhuang = { ...hebei, level: 'city', authorityId: 'sjz-data', governmentId: 'sjz-gov', upperAuthorityId: 'hb-data' } as const;

/** Reference bodies: the Hebei provincial level and one districted city, the Anhui provincial level, and the national authority that receives filings. */
export const seedDepartments: Department[] = [
  { id: 'nda', nameZh: '国家数据局', nameEn: 'National Data Administration', kind: 'upper-authority', level: 'national', jurisdiction: 'national' },
  { id: 'hb-gov', nameZh: '河北省人民政府', nameEn: "Hebei Provincial People's Government", kind: 'government', ...hebei, level: 'province' },
  { id: 'hb-data', nameZh: '河北省数据和政务服务局', nameEn: 'Hebei Provincial Data and Government Services Bureau', kind: 'authority', ...hebei, level: 'province', governmentId: 'hb-gov', upperAuthorityId: 'nda' },
  { id: 'hb-gat', nameZh: '河北省公安厅', nameEn: 'Hebei Provincial Department of Public Security', kind: 'department', ...province },
  { id: 'hb-mzt', nameZh: '河北省民政厅', nameEn: 'Hebei Provincial Department of Civil Affairs', kind: 'department', ...province },
  { id: 'hb-rst', nameZh: '河北省人力资源和社会保障厅', nameEn: 'Hebei Provincial Department of Human Resources and Social Security', kind: 'department', ...province },
  { id: 'hb-zrzyt', nameZh: '河北省自然资源厅', nameEn: 'Hebei Provincial Department of Natural Resources', kind: 'department', ...province },
  { id: 'hb-sthjt', nameZh: '河北省生态环境厅', nameEn: 'Hebei Provincial Department of Ecology and Environment', kind: 'department', ...province },
  { id: 'hb-scjgj', nameZh: '河北省市场监督管理局', nameEn: 'Hebei Provincial Administration for Market Regulation', kind: 'department', ...province },
  { id: 'hb-wsjkw', nameZh: '河北省卫生健康委员会', nameEn: 'Hebei Provincial Health Commission', kind: 'department', ...province },
  { id: 'hb-jyt', nameZh: '河北省教育厅', nameEn: 'Hebei Provincial Department of Education', kind: 'department', ...province },
  { id: 'hb-jtyst', nameZh: '河北省交通运输厅', nameEn: 'Hebei Provincial Department of Transport', kind: 'department', ...province },
  { id: 'sjz-gov', nameZh: '石家庄市人民政府', nameEn: "Shijiazhuang Municipal People's Government", kind: 'government', ...hebei, level: 'city' },
  { id: 'sjz-data', nameZh: '石家庄市数据和政务服务局', nameEn: 'Shijiazhuang Municipal Data and Government Services Bureau', kind: 'authority', ...hebei, level: 'city', governmentId: 'sjz-gov', upperAuthorityId: 'hb-data' },
  { id: 'sjz-gaj', nameZh: '石家庄市公安局', nameEn: 'Shijiazhuang Municipal Public Security Bureau', kind: 'department', ...shijiazhuang },
  { id: 'sjz-scjgj', nameZh: '石家庄市市场监督管理局', nameEn: 'Shijiazhuang Municipal Administration for Market Regulation', kind: 'department', ...shijiazhuang },
  { id: 'ah-gov', nameZh: '安徽省人民政府', nameEn: "Anhui Provincial People's Government", kind: 'government', jurisdiction: 'anhui', level: 'province' },
  { id: 'ah-data', nameZh: '安徽省数据资源管理局', nameEn: 'Anhui Provincial Data Resources Administration', kind: 'authority', jurisdiction: 'anhui', level: 'province', governmentId: 'ah-gov', upperAuthorityId: 'nda' },
  { id: 'ah-gat', nameZh: '安徽省公安厅', nameEn: 'Anhui Provincial Department of Public Security', kind: 'department', ...anhui },
  { id: 'ah-mzt', nameZh: '安徽省民政厅', nameEn: 'Anhui Provincial Department of Civil Affairs', kind: 'department', ...anhui },
  { id: 'ah-scjgj', nameZh: '安徽省市场监督管理局', nameEn: 'Anhui Provincial Administration for Market Regulation', kind: 'department', ...anhui },
];
