/**
 * Shell-style name patterns (`filters.namePattern`): `*` matches any run of characters, `?` exactly
 * one, every other character itself, case-insensitively (Unicode simple case folding, as a regular
 * expression's `iu` flags compare). Characters are code points, so `?` matches one emoji.
 *
 * Matching uses no regular expression over the whole pattern: a pattern is user input, and
 * `*a*a*a*…b` against a long name would make a backtracking engine take exponential time. The
 * greedy algorithm below (remember the last `*`, retry from one character further on a mismatch)
 * is O(pattern × name) at worst.
 */

export type NameMatcher = (name: string) => boolean;

/** Why a pattern cannot be used, or `undefined` when it can. */
export function namePatternProblem(pattern: string): string | undefined {
  // Under the `u` flag a lone surrogate is a code point of its own (category Cs); paired ones are not.
  if (/\p{Cs}/u.test(pattern)) return 'must be valid Unicode text (it contains a lone surrogate)';
  return undefined;
}

/** True when the pattern can be used: the check the API applies at the door. */
export function isValidNamePattern(pattern: string): boolean {
  return namePatternProblem(pattern) === undefined;
}

type Token = { kind: 'star' } | { kind: 'any' } | { kind: 'char'; matches: (cp: string) => boolean };

/** Equality of two code points under the `iu` flags' case folding; one small regex per literal. */
function literal(ch: string): (cp: string) => boolean {
  const codePoint = ch.codePointAt(0)!;
  const folded = new RegExp(`^\\u{${codePoint.toString(16)}}$`, 'iu');
  return (cp) => cp === ch || folded.test(cp);
}

/** Compiles a pattern into a predicate. Throws a `RangeError` on a pattern `namePatternProblem` refuses. */
export function compileNamePattern(pattern: string): NameMatcher {
  const problem = namePatternProblem(pattern);
  if (problem) throw new RangeError(`namePattern ${problem}`);
  const tokens: Token[] = [];
  const literals = new Map<string, (cp: string) => boolean>();
  for (const ch of pattern) {
    if (ch === '*') {
      // Consecutive stars mean the same as one.
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (ch === '?') tokens.push({ kind: 'any' });
    else {
      let matches = literals.get(ch);
      if (!matches) literals.set(ch, (matches = literal(ch)));
      tokens.push({ kind: 'char', matches });
    }
  }
  return (name) => matchTokens(tokens, [...name]);
}

function matchTokens(tokens: Token[], name: string[]): boolean {
  let t = 0;
  let n = 0;
  // Where the last `*` was, and the name position it is currently taken to end at.
  let star = -1;
  let starEnd = 0;
  while (n < name.length) {
    const token = tokens[t];
    if (token && token.kind === 'star') {
      star = t++;
      starEnd = n;
    } else if (token && (token.kind === 'any' || token.matches(name[n]!))) {
      t++;
      n++;
    } else if (star >= 0) {
      // Let the last `*` swallow one more character and try the rest again.
      t = star + 1;
      n = ++starEnd;
    } else return false;
  }
  while (tokens[t]?.kind === 'star') t++;
  return t === tokens.length;
}
