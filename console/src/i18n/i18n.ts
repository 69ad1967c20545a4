import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { dateFormat, numberFormat } from '../format';
import { en, type Messages } from './en';
import { ptBR } from './pt-BR';

export const languages = { en: 'English', 'pt-BR': 'Português (Brasil)' } as const;
export type Language = keyof typeof languages;

const catalogs: Record<Language, Messages> = { en, 'pt-BR': ptBR };
const storageKey = 'osr.language';

/** The remembered choice, else the browser's language when we have it, else English. */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(storageKey);
  if (saved === 'en' || saved === 'pt-BR') return saved;
  return navigator.language.toLowerCase().startsWith('pt') ? 'pt-BR' : 'en';
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(storageKey, language);
  document.documentElement.lang = language;
}

export interface I18n {
  language: Language;
  t: Messages;
  /** Dates, numbers and durations in the chosen language. */
  dateTime(iso: string | undefined, timeZone?: string): string;
  number(n: number, options?: Intl.NumberFormatOptions): string;
}

export function makeI18n(language: Language): I18n {
  return {
    language,
    t: catalogs[language],
    dateTime: (iso, timeZone) => {
      if (!iso) return '—';
      const d = new Date(iso);
      return dateFormat(language, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(d);
    },
    number: (n, options) => numberFormat(language, options).format(n),
  };
}

export const I18nContext = createContext<I18n>(makeI18n('en'));

export function useI18n(): I18n {
  return useContext(I18nContext);
}
