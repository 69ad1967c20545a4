import type { Messages } from './messages';
import { en } from './en';
import { ptBR } from './pt-br';

export type { Messages } from './messages';
export { labelOf } from './messages';

/** The message catalogue of each supported locale. */
export const catalogues = { en, 'pt-BR': ptBR } as const satisfies Record<string, Messages>;

/** The labels of a locale. */
export function messagesFor(locale: keyof typeof catalogues): Messages {
  return catalogues[locale];
}
