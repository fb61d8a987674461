/** The loaded data as a whole: the demo sample, the scheme chosen for the data, the engine. */
export const zh = {
  sampleReplaced: '示例数据已移除，现在分析的是你的数据（{files}）。',
  sampleBack: '换回示例数据',
  sampleShown: '当前显示的是内置示例数据（{name}）。加载你的文件后，示例数据会被替换。',
  schemeKept: '分级方案“{scheme}”适用于这份数据。',
  schemeSwitched: '已按数据改用方案“{scheme}”：原方案“{previous}”所需的{missing}在数据中没有。',
  schemeFields: '“{scheme}”所需字段（{fields}）齐全。',
  schemeWhy: '依据',
  schemeOptional: '可选字段：数据中有 {present} 个，共 {total} 个。',
  schemeNoneFits: '没有内置方案能直接用于这份数据：方案“{scheme}”缺少{missing}。请在加载报告中映射字段。',
  schemeOthers: '其他可用方案：',
  schemeUse: '改用',
  engineRestarted: '数据库引擎停止运行（{detail}），已重新启动；请重新加载数据（文件小一些，或一次少加载几个）。',
  listSep: '、',
} as const;

export const en: Record<keyof typeof zh, string> = {
  sampleReplaced: 'The sample data was removed; you are now looking at your data ({files}).',
  sampleBack: 'Back to the sample',
  sampleShown: 'You are looking at the bundled sample ({name}). Your first file replaces it.',
  schemeKept: 'Scheme "{scheme}" fits this data.',
  schemeSwitched: 'Switched to "{scheme}": "{previous}" needs {missing}, which the data lacks.',
  schemeFields: '"{scheme}" has every field it needs ({fields}).',
  schemeWhy: 'Why',
  schemeOptional: 'Optional fields mapped: {present} of {total}.',
  schemeNoneFits: 'No built-in scheme fits this data as it is: "{scheme}" lacks {missing}. Map the fields in the load report.',
  schemeOthers: 'Other schemes that can run:',
  schemeUse: 'Use',
  engineRestarted: 'The database engine stopped ({detail}) and was restarted; the data must be loaded again (smaller files, or fewer at once).',
  listSep: ', ',
};
