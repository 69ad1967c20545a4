import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/presentation/messages';
import { cssString } from '../../src/presentation/css-string';

/** Every leaf of a catalogue as [path, value]: strings, or functions called with sample arguments. */
function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') return [[path, String((value as (...a: unknown[]) => unknown)('1', '2', '3'))]];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}

describe('message catalogues', () => {
  const en = new Map(leaves(catalogues.en));
  const pt = new Map(leaves(catalogues['pt-BR']));

  it('have the same keys, none empty', () => {
    expect([...pt.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, value] of [...en, ...pt]) expect(value.trim(), key).not.toBe('');
  });

  it('translate the labels a reader sees (most differ from English)', () => {
    const same = [...en].filter(([k, v]) => pt.get(k) === v).map(([k]) => k);
    // Units, codes and words Portuguese borrows (vCPU, Total, Volumes, Host, Flavor) may match.
    expect(same.length / en.size).toBeLessThan(0.15);
  });

  it('keep the stamped page label within Latin-1, which PDF standard fonts can draw', () => {
    for (const m of Object.values(catalogues)) expect(m.pageOf(12, 345)).toMatch(/^[\u0020-\u00ff]+$/);
    expect(catalogues['pt-BR'].pageOf(1, 2)).toBe('Página 1 de 2');
  });
});

describe('CSS strings', () => {
  it('cannot be closed or break out of a style element', () => {
    const s = cssString('Q1 "report" </style><script>x</script> \\ 日本');
    expect(s).toMatch(/^"[A-Za-z0-9 \\]*"$/);
    expect(s).not.toContain('<');
    expect(s).toContain('\\65e5 ');
  });
});
