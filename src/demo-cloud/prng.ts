/**
 * A small seeded pseudo-random generator (mulberry32) and the id shapes OpenStack uses, so the
 * same seed always yields the same cloud.
 */

/** A seeded source of randomness with the few helpers the generator needs. */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight; `weights` and `items` have the same length. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** Like `weighted`, prepared once for many draws (binary search instead of a scan). */
  weightedPicker<T>(items: readonly T[], weights: readonly number[]): () => T;
  /** 32 lowercase hex digits, the shape of Keystone ids. */
  hex32(): string;
  /** A version-4 UUID string, the shape of Nova/Cinder/Neutron/Glance ids. */
  uuid(): string;
  /** `n` lowercase hex digits. */
  hex(n: number): string;
}

/** mulberry32: 32-bit state, good enough for test data and fast for 50k+ records. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes a seed with a stream name so independent streams (ids, faults...) do not correlate. */
export function deriveSeed(seed: number, stream: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < stream.length; i++) {
    h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193) >>> 0;
  }
  return h;
}

const HEX_BYTES = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Creates a {@link Prng} from a seed. */
export function createPrng(seed: number): Prng {
  const next = mulberry32(seed);
  // Byte table lookups: toString(16)+padStart dominated generating 50k servers.
  const word = (): string => {
    const w = Math.floor(next() * 0x100000000);
    return HEX_BYTES[w >>> 24] + HEX_BYTES[(w >>> 16) & 255] + HEX_BYTES[(w >>> 8) & 255] + HEX_BYTES[w & 255];
  };
  const hex = (n: number): string => {
    let out = '';
    while (out.length < n) out += word();
    return out.length === n ? out : out.slice(0, n);
  };
  const weightedPicker = <T>(items: readonly T[], weights: readonly number[]): (() => T) => {
    const cumulative: number[] = [];
    let total = 0;
    for (const w of weights) cumulative.push((total += w));
    return () => {
      const r = next() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid] > r) hi = mid;
        else lo = mid + 1;
      }
      return items[lo];
    };
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: (items, weights) => weightedPicker(items, weights)(),
    weightedPicker,
    hex32: () => hex(32),
    hex,
    uuid: () => {
      const h = hex(32);
      const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}
