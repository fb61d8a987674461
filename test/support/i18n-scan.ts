import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Finds user-visible text that bypasses the message catalog (src/i18n): Chinese in any string
 * or JSX text, English in JSX text and in the props people read (title, aria-label, …), and
 * texts chosen inline by language (`zh ? '…' : '…'`).
 */

/** Han ideographs and CJK punctuation (full-width forms included). */
export const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;

/** Names that read the same in both languages: products, formats, keys. */
export const PRODUCT_NAMES = new Set(
  ['TierLens', 'CSV', 'TSV', 'XLSX', 'GBK', 'GB18030', 'UTF', 'Parquet', 'JSON', 'NDJSON', 'Arrow', 'AUM', 'PSI', 'RFM', 'SQL', 'PNG', 'SVG', 'Esc', 'Ctrl', 'Enter', 'Markdown', 'DuckDB', 'ECharts'].map((w) => w.toLowerCase()),
);

/**
 * English words of a text, leaving out product names, abbreviations, placeholders, plural syntax
 * and code-like tokens (snake_case, kebab-case, $param, digits).
 */
export function englishWords(text: string): string[] {
  const prose = text
    .replace(/\{\w+, plural,|\b(?:one|other|few|many|zero|two)\s*\{/g, ' ')
    .replace(/\{\w+\}/g, ' ')
    .replace(/[$\w.]*[_$\d][$\w.]*/g, ' ')
    // kebab-case ids (retail-aum, tier-mix) are code; prose with a hyphen keeps its other words.
    .replace(/\b[a-z]+(?:-[a-z]+)+\b/g, ' ');
  // Abbreviations in capitals (FTP, ABC, VIP) read the same in both languages.
  return (prose.match(/[A-Za-z]{2,}(?:'[a-z]+)?/g) ?? []).filter((w) => !PRODUCT_NAMES.has(w.toLowerCase()) && !/^[A-Z]{2,5}$/.test(w));
}

/** Props whose text people read or hear. */
const READ_PROPS = new Set(['title', 'aria-label', 'aria-valuetext', 'placeholder', 'alt', 'label']);

export interface Offender {
  readonly file: string;
  readonly line: number;
  readonly kind: 'cjk' | 'english' | 'english-message' | 'inline-choice';
  readonly text: string;
}

/** A legitimate exception: where, what (matched against the offending text), and why. */
export interface Allowed {
  readonly file: string;
  readonly kind?: Offender['kind'];
  readonly text: RegExp;
  readonly reason: string;
}

function filesUnder(dir: string): string[] {
  if (/\.tsx?$/.test(dir)) return [dir];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(e.name) && !/\.(test|spec)\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Is this condition a choice by language: `zh`, `isZh`, `locale === 'zh-CN'`, `lang !== 'en'`…? */
function isLanguageTest(node: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(node)) return isLanguageTest(node.expression);
  if (ts.isPrefixUnaryExpression(node)) return isLanguageTest(node.operand);
  if (ts.isIdentifier(node)) return /^(zh|isZh|chinese|isChinese|en|isEn|english)$/.test(node.text);
  if (ts.isBinaryExpression(node) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(node.operatorToken.kind)) {
    return [node.left, node.right].some((s) => ts.isStringLiteralLike(s) && /^(zh|zh-CN|en|en-US)$/.test(s.text));
  }
  return false;
}

/** Object keys whose string values are shown as they are (a view's reason, a warning, a title). */
const SHOWN_KEYS = new Set(['reason', 'message', 'warning', 'title', 'subtext', 'label', 'text', 'hint', 'problem', 'error', 'name']);

/** Errors whose message the page shows as it is (a view's reason, a refused file, a bad scheme). */
const SHOWN_ERRORS = new Set(['ViewNotApplicable', 'NotebookFileError', 'SchemeError', 'ExprError', 'MissingFieldError', 'DecodeError', 'IngestError', 'SqlParamError']);

/** An English sentence: at least two words of prose, not SQL. */
function isEnglishSentence(text: string): boolean {
  if (/\b(SELECT|FROM|WHERE|CASE|CAST|CREATE|INSERT)\b/.test(text)) return false;
  return /[A-Za-z]{2,}\s+[a-z]{2,}/.test(text) && englishWords(text).length >= 2;
}

/**
 * Is this literal a message shown as it is: the message of an error the page shows, the value of a
 * key the UI shows (`reason: '…'`), or pushed to a list of warnings? (Plain `Error`s are left out:
 * most are invariants no user meets.)
 */
function isShownMessage(node: ts.Node): boolean {
  let at = node;
  // A message built of parts: `'…' + x`, `${…}`, `a ? '…' : '…'`.
  while (at.parent && (ts.isBinaryExpression(at.parent) || ts.isTemplateSpan(at.parent) || ts.isTemplateExpression(at.parent) || ts.isConditionalExpression(at.parent) || ts.isParenthesizedExpression(at.parent))) at = at.parent;
  const parent = at.parent;
  if (!parent) return false;
  if (ts.isNewExpression(parent) && SHOWN_ERRORS.has(parent.expression.getText())) return true;
  if (ts.isPropertyAssignment(parent) && parent.initializer === at && SHOWN_KEYS.has(parent.name.getText().replace(/['"]/g, ''))) return true;
  if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression) && /^(warnings|problems|messages)$/.test(parent.expression.expression.getText().split('.').at(-1) ?? '') && parent.expression.name.text === 'push') return true;
  return false;
}

/** Texts of a node that is itself text: string and template literals, JSX text. */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  if (ts.isJsxText(node)) return node.text;
  return undefined;
}

/** The text a JSX prop is given, when written in place: `title="…"` or `title={'…'}` / `{`…`}`. */
function propText(attr: ts.JsxAttribute): string | undefined {
  const init = attr.initializer;
  if (!init) return undefined;
  if (ts.isStringLiteral(init)) return init.text;
  if (ts.isJsxExpression(init) && init.expression) return literalText(init.expression);
  return undefined;
}

export function scanFile(path: string, root: string): Offender[] {
  const source = readFileSync(path, 'utf8');
  const sf = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true, path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const file = relative(root, path).replaceAll('\\', '/');
  const out: Offender[] = [];
  const add = (node: ts.Node, kind: Offender['kind'], text: string) =>
    out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, kind, text: text.trim().replace(/\s+/g, ' ').slice(0, 80) });
  const visit = (node: ts.Node): void => {
    const text = literalText(node);
    // Import specifiers and the like are not text anyone sees.
    const inImport = node.parent !== undefined && (ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent) || ts.isExternalModuleReference(node.parent));
    if (text !== undefined && !inImport && CJK.test(text)) add(node, 'cjk', text);
    if (ts.isJsxText(node) && englishWords(node.text).length > 0) add(node, 'english', node.text);
    else if (text !== undefined && !CJK.test(text) && isEnglishSentence(text) && isShownMessage(node)) add(node, 'english-message', text);
    if (ts.isJsxAttribute(node) && READ_PROPS.has(node.name.getText(sf))) {
      const value = propText(node);
      if (value !== undefined && !CJK.test(value) && englishWords(value).length > 0) add(node, 'english', `${node.name.getText(sf)}=${value}`);
    }
    if (ts.isConditionalExpression(node) && isLanguageTest(node.condition)) add(node, 'inline-choice', node.getText(sf));
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Every offender in `folders` (folders or files, relative to `root`) outside `skip`, less the allowed ones. */
export function scanFolders(root: string, folders: readonly string[], allowed: readonly Allowed[], skip: readonly string[] = []): Offender[] {
  return folders
    .flatMap((f) => filesUnder(join(root, f)))
    .filter((p) => !skip.some((s) => relative(root, p).replaceAll('\\', '/').startsWith(s)))
    .flatMap((p) => scanFile(p, root))
    .filter((o) => !allowed.some((a) => a.file === o.file && (a.kind === undefined || a.kind === o.kind) && a.text.test(o.text)));
}
