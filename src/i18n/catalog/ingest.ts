/** Reading files: why a file is refused, and what the load report lists about it. */
export const zh = {
  errFileMessage: '{file}{where}：{what}',
  errWhereSep: '，',
  errAtLine: '第 {line} 行',
  errAtColumn: '列“{column}”',
  errEmptyFile: '文件是空的',
  errBinaryFile: '这不是文本文件（内容为二进制）；应为 CSV',
} as const;

export const en: Record<keyof typeof zh, string> = {
  errFileMessage: '{file}{where}: {what}',
  errWhereSep: ', ',
  errAtLine: 'line {line}',
  errAtColumn: 'column "{column}"',
  errEmptyFile: 'the file is empty',
  errBinaryFile: 'this is not a text file (binary content); expected CSV',
};
