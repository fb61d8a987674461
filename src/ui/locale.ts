import { createContext, useContext } from 'react';
import type { Locale } from '../i18n/format';

export const LocaleContext = createContext<Locale>('zh-CN');

export function useLocale(): Locale {
  return useContext(LocaleContext);
}
