/** The before/after view's list of movers: who changes tier between the saved and the working scheme. */
export const zh = {
  colCustomerName: '客户名称',
  moversTop: '金额最大的 {n} 位迁移客户（完整名单请导出）：',
  moversTopById: '按客户号前 {n} 位迁移客户（完整名单请导出）：',
  moversComputing: '正在列出迁移客户…',
  moversNone: '没有客户改变层级。',
  movedUpCount: '▲ 上迁 {n, plural, other {# 户}}',
  movedDownCount: '▼ 下迁 {n, plural, other {# 户}}',
} as const;

export const en: Record<keyof typeof zh, string> = {
  colCustomerName: 'Customer name',
  moversTop: 'The {n} movers with the largest amounts (export for the full list):',
  moversTopById: 'The first {n} movers by customer id (export for the full list):',
  moversComputing: 'Listing the movers…',
  moversNone: 'No customer changes tier.',
  movedUpCount: '▲ Up {n, plural, one {# customer} other {# customers}}',
  movedDownCount: '▼ Down {n, plural, one {# customer} other {# customers}}',
};
