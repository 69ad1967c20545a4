/**
 * Wall-clock time in an IANA time zone, using only `Intl` (the tz database Node ships). Converting a
 * wall-clock time to an instant has three outcomes around daylight-saving changes: one instant, none
 * (the clock skipped it: spring forward) or two (the clock repeated it: fall back).
 */

/** A wall-clock date and time (month 1-12), in no particular zone. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time at `instant` (epoch ms) in `timeZone`, to the second. */
export function wallClockAt(instant: number, timeZone: string): LocalDateTime {
  const out: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return { year: out.year, month: out.month, day: out.day, hour: out.hour, minute: out.minute, second: out.second };
}

/** Milliseconds the zone is ahead of UTC at `instant` (+3_600_000 for CET, -18_000_000 for EST). */
export function offsetAt(instant: number, timeZone: string): number {
  const w = wallClockAt(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** Where a wall-clock time falls on the timeline of a zone. */
export type WallClockResolution =
  | { kind: 'unique'; instant: number }
  /** Fall back: the time happened twice, `earlier` in daylight time, `later` in standard time. */
  | { kind: 'repeated'; earlier: number; later: number }
  /** Spring forward: the time never happened; `shifted` reads it with the offset from before the gap. */
  | { kind: 'skipped'; shifted: number };

const DAY = 86_400_000;

/** Resolves a wall-clock time in `timeZone` to the instants that show it. */
export function resolveWallClock(local: LocalDateTime, timeZone: string): WallClockResolution {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  // The offsets a day either side cover both sides of any transition near this time (zones do not
  // change offset twice within two days).
  const before = offsetAt(asUtc - DAY, timeZone);
  const after = offsetAt(asUtc + DAY, timeZone);
  const candidates = [...new Set([before, after, offsetAt(asUtc, timeZone)])]
    .map((offset) => asUtc - offset)
    .filter((instant) => sameWallClock(wallClockAt(instant, timeZone), local))
    .sort((a, b) => a - b);
  if (candidates.length === 0) return { kind: 'skipped', shifted: asUtc - before };
  if (candidates.length === 1) return { kind: 'unique', instant: candidates[0] };
  return { kind: 'repeated', earlier: candidates[0], later: candidates[candidates.length - 1] };
}

function sameWallClock(a: LocalDateTime, b: LocalDateTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute && a.second === b.second;
}

/** `instant` as ISO 8601 with the zone's offset at that moment, to the second: `2026-12-07T08:00:00+01:00`. */
export function isoInZone(instant: number, timeZone: string): string {
  const w = wallClockAt(instant, timeZone);
  const offsetMinutes = Math.round(offsetAt(instant, timeZone) / 60_000);
  const p = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${p(Math.trunc(Math.abs(offsetMinutes) / 60))}:${p(Math.abs(offsetMinutes) % 60)}`;
  return `${p(w.year, 4)}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}:${p(w.second)}${offset}`;
}
