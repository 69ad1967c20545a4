const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** An Intl.NumberFormat, made once per language and options: tables format many numbers a render. */
export function numberFormat(language: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(language, options)));
  return format;
}

/** An Intl.DateTimeFormat, made once per language and options (a time zone is an option). */
export function dateFormat(language: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(language, options)));
  return format;
}

/** Bytes as people read them (1.2 MB). */
export function formatBytes(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${numberFormat(language, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

/** Milliseconds as `850 ms`, `12.3 s` or `2 min 5 s`. */
export function formatDuration(ms: number | undefined, language: string): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  const n = (v: number, digits = 0) => numberFormat(language, { maximumFractionDigits: digits }).format(v);
  if (ms < 1000) return `${n(ms)} ms`;
  if (ms < 60_000) return `${n(ms / 1000, 1)} s`;
  return `${n(Math.floor(ms / 60_000))} min ${n(Math.round((ms % 60_000) / 1000))} s`;
}

/** A run's wall time: from creation to its end, or to now while it is still going. */
export function runDuration(run: { createdAt: string; startedAt?: string; finishedAt?: string }): number | undefined {
  if (!run.finishedAt) return undefined;
  return Date.parse(run.finishedAt) - Date.parse(run.startedAt ?? run.createdAt);
}

/** Splits "a, b ,c" into ["a","b","c"]; empty: undefined (the field is left out). */
export function splitList(value: string): string[] | undefined {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}
