// The list exports' words (Excel and CSV downloads), in both languages.
export const zh = {
  xlsx: '导出 Excel',
  csv: '导出 CSV',
  tooLarge: '列表行数超过导出上限，请先用筛选条件缩小范围。',
  failed: '导出失败：{{message}}',
};

export const en: typeof zh = {
  xlsx: 'Export Excel',
  csv: 'Export CSV',
  tooLarge: 'The list has more rows than an export holds: narrow it with the filters first.',
  failed: 'The export failed: {{message}}',
};
