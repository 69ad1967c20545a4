import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileNamePattern, isValidNamePattern } from '../../src/domain/name-pattern';
import { serverFilter } from '../../src/report-engine/filter-servers';

/**
 * The reference: the pattern as an anchored regular expression with every literal written as a
 * `\u{…}` escape (valid under the `u` flag whatever the character) and the `iu` flags.
 */
function referenceMatch(pattern: string, name: string): boolean {
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') source += '[\\s\\S]*';
    else if (ch === '?') source += '[\\s\\S]';
    else source += `\\u{${ch.codePointAt(0)!.toString(16)}}`;
  }
  return new RegExp(`^${source}$`, 'iu').test(name);
}

// Regex syntax, wildcards, case pairs (ASCII and beyond: the long s and the Kelvin sign fold to s and k), astral code points.
const interesting = [
  '*',
  '?',
  '-',
  '.',
  '[',
  ']',
  '\\',
  '/',
  '(',
  ')',
  '^',
  '$',
  '|',
  '{',
  '}',
  '+',
  'a',
  'A',
  'b',
  's',
  'S',
  'ſ',
  'k',
  'K',
  '\u212a',
  'é',
  'É',
  'ß',
  '😀',
  ' ',
];
const char = fc.oneof(fc.constantFrom(...interesting), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));
const text = (maxLength: number) => fc.array(char, { maxLength }).map((cs) => cs.join(''));
const validPattern = text(12).filter((p) => p.length > 0 && isValidNamePattern(p));

describe('name patterns (filters.namePattern)', () => {
  it('agree with an anchored, case-insensitive regular expression on arbitrary patterns and names', () => {
    fc.assert(
      fc.property(validPattern, text(16), (pattern, name) => {
        expect(compileNamePattern(pattern)(name)).toBe(referenceMatch(pattern, name));
      }),
      { numRuns: 3000 },
    );
  });

  it('match every name made from the pattern by filling its wildcards', () => {
    const filled = validPattern.chain((pattern) =>
      fc
        .tuple(...[...pattern].map((ch) => (ch === '*' ? text(4) : ch === '?' ? char.filter((c) => isValidNamePattern(c)) : fc.constant(ch))))
        .map((parts) => ({ pattern, name: parts.join('') })),
    );
    fc.assert(
      fc.property(filled, ({ pattern, name }) => {
        expect(compileNamePattern(pattern)(name)).toBe(true);
        expect(referenceMatch(pattern, name)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('treats "-" and the other regular-expression characters as themselves (README: "web-*")', () => {
    const web = compileNamePattern('web-*');
    expect(web('web-01')).toBe(true);
    expect(web('WEB-frontend')).toBe(true);
    expect(web('web01')).toBe(false);
    expect(compileNamePattern('a.b(c)[d]{2}|e+f^$\\/')('A.B(C)[D]{2}|E+F^$\\/')).toBe(true);
    expect(compileNamePattern('a.b')('axb')).toBe(false);
    expect(compileNamePattern('db-?')('db-😀')).toBe(true);
    const filter = serverFilter({ namePattern: 'web-*' });
    expect(['web-1', 'db-1', 'Web-2'].filter((name) => filter({ name, status: 'ACTIVE', flavor: null }))).toEqual(['web-1', 'Web-2']);
  });

  it('takes time linear in the name for patterns that make a backtracking regex explode', () => {
    const pattern = `${'*a'.repeat(60)}*b`;
    const name = 'a'.repeat(255);
    const t0 = performance.now();
    expect(compileNamePattern(pattern)(name)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('refuses only patterns that are not valid Unicode text', () => {
    expect(isValidNamePattern('web-*')).toBe(true);
    expect(isValidNamePattern('x\ud800*')).toBe(false);
    expect(() => compileNamePattern('x\ud800*')).toThrow(RangeError);
  });
});
