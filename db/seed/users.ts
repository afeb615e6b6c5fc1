import type { Role } from '../schema';

export interface SeedUser {
  id: string;
  username: string;
  displayName: string;
  departmentId: string;
  roles: Role[];
}

/** One demo user for each role, in several departments; all share the demo password (README). */
export const seedUsers: SeedUser[] = [
  { id: 'u-gat-zhang', username: 'gat.zhang', displayName: '张伟', departmentId: 'hb-gat', roles: ['requester', 'provider'] },
  { id: 'u-mzt-li', username: 'mzt.li', displayName: '李娜', departmentId: 'hb-mzt', roles: ['requester', 'provider'] },
  { id: 'u-scjgj-wang', username: 'scjgj.wang', displayName: '王芳', departmentId: 'hb-scjgj', roles: ['requester', 'provider'] },
  { id: 'u-rst-liu', username: 'rst.liu', displayName: '刘洋', departmentId: 'hb-rst', roles: ['requester', 'provider'] },
  { id: 'u-wsjkw-yang', username: 'wsjkw.yang', displayName: '杨敏', departmentId: 'hb-wsjkw', roles: ['requester', 'provider'] },
  { id: 'u-data-chen', username: 'data.chen', displayName: '陈静', departmentId: 'hb-data', roles: ['authority-reviewer'] },
  { id: 'u-data-zhao', username: 'data.zhao', displayName: '赵强', departmentId: 'hb-data', roles: ['authority-supervisor'] },
  { id: 'u-gov-sun', username: 'gov.sun', displayName: '孙明', departmentId: 'hb-gov', roles: ['government-approver'] },
  { id: 'u-admin', username: 'admin', displayName: '系统管理员', departmentId: 'hb-data', roles: ['admin'] },
  { id: 'u-sjz-data-zhou', username: 'sjz-data.zhou', displayName: '周杰', departmentId: 'sjz-data', roles: ['authority-reviewer', 'authority-supervisor'] },
  { id: 'u-sjz-gaj-wu', username: 'sjz-gaj.wu', displayName: '吴刚', departmentId: 'sjz-gaj', roles: ['requester', 'provider'] },
  { id: 'u-ah-data-xu', username: 'ah-data.xu', displayName: '徐丽', departmentId: 'ah-data', roles: ['authority-reviewer', 'authority-supervisor'] },
  { id: 'u-ah-gat-he', username: 'ah-gat.he', displayName: '何军', departmentId: 'ah-gat', roles: ['requester', 'provider'] },
  { id: 'u-ah-mzt-ma', username: 'ah-mzt.ma', displayName: '马红', departmentId: 'ah-mzt', roles: ['requester', 'provider'] },
  { id: 'u-ah-gov-lin', username: 'ah-gov.lin', displayName: '林海', departmentId: 'ah-gov', roles: ['government-approver'] },
  { id: 'u-nda-gao', username: 'nda.gao', displayName: '高远', departmentId: 'nda', roles: ['authority-reviewer'] },
  // The national calendar's keepers: one proposes an amendment, the other (or an admin) approves it.
  { id: 'u-nda-qian', username: 'nda.qian', displayName: '钱程', departmentId: 'nda', roles: ['authority-supervisor'] },
  { id: 'u-nda-feng', username: 'nda.feng', displayName: '冯雪', departmentId: 'nda', roles: ['authority-supervisor'] },
];
