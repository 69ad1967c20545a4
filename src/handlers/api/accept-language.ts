import type { Locale } from '../../domain/report-spec';

/**
 * The locale an `Accept-Language` header prefers among ours: any Portuguese (`pt`, `pt-BR`, `pt-PT`)
 * reads Brazilian Portuguese, anything else English. Ranges are taken by their `q`, highest first,
 * then in the order given; `q=0` refuses a language.
 */
export function preferredLocale(header: string | undefined): Locale {
  if (!header) return 'en';
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q[1]) : 1, index };
    })
    .filter((r) => r.tag && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const r of ranges) {
    if (r.tag === 'pt' || r.tag.startsWith('pt-')) return 'pt-BR';
    if (r.tag === 'en' || r.tag.startsWith('en-')) return 'en';
  }
  return 'en';
}
