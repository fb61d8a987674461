import { Fragment, type ReactNode } from 'react';
import type { Locale } from '../i18n/format';
import { t, type MessageKey, type MessageVars } from '../i18n/messages';

/**
 * A catalog message with elements in some placeholders (e.g. data shown as it is, marked
 * `data-value`): the language's word order is kept, and the elements stay elements.
 */
export function messageParts(locale: Locale, key: MessageKey, vars: MessageVars, elements: Readonly<Record<string, ReactNode>>): ReactNode {
  const mark = (name: string) => `\u0000${name}\u0000`;
  const text = t(locale, key, { ...vars, ...Object.fromEntries(Object.keys(elements).map((k) => [k, mark(k)])) });
  // Odd pieces are placeholder names between the marks.
  return text.split('\u0000').map((piece, i) => <Fragment key={i}>{i % 2 === 1 ? elements[piece] : piece}</Fragment>);
}
