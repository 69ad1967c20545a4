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

/** Creates a {@link Prng} from a seed. */
export function createPrng(seed: number): Prng {
  const next = mulberry32(seed);
  const hex = (n: number): string => {
    let out = '';
    while (out.length < n) out += Math.floor(next() * 0x100000000).toString(16).padStart(8, '0');
    return out.slice(0, n);
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: (items, weights) => {
      const total = weights.reduce((a, b) => a + b, 0);
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= weights[i];
        if (r < 0) return items[i];
      }
      return items[items.length - 1];
    },
    hex32: () => hex(32),
    hex,
    uuid: () => {
      const h = hex(32);
      const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}
