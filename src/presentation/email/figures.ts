import type { Formatters } from '../format';
import type { Messages } from '../messages';
import { figureKinds, untoldFigures, type FigureKey } from './figure-kinds';

export { figureKinds, untoldFigures, type FigureKey } from './figure-kinds';

/** `serverCount` → `Server count`, `total_cost` → `Total cost`. */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The summary's figures as [label, value] in the e-mail's language and formats, in the order given. */
export function emailFigures(summary: Record<string, string | number>, m: Messages, f: Formatters): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(summary)) {
    if (untoldFigures.has(key)) continue;
    if (!Object.hasOwn(figureKinds, key)) {
      out.push([humanizeKey(key), typeof value === 'number' ? f.num(value) : value]);
      continue;
    }
    const n = Number(value);
    const kind = figureKinds[key as FigureKey];
    const shown = Number.isNaN(n)
      ? String(value)
      : kind === 'money'
        ? f.money(String(value))
        : kind === 'gb'
          ? `${f.num(n)} GB`
          : kind === 'hours'
            ? f.int(Math.round(n))
            : f.int(n);
    out.push([m.email.figures[key as FigureKey], shown]);
  }
  return out;
}
