/**
 * A CSS string literal holding any text safely: every character but letters, digits and spaces is
 * written as a hex escape, so tenant or user text can close neither the string nor the `<style>`.
 */
export function cssString(text: string): string {
  let out = '"';
  for (const ch of text) {
    if (/[A-Za-z0-9 ]/.test(ch)) out += ch;
    else out += `\\${(ch.codePointAt(0) as number).toString(16)} `;
  }
  return `${out}"`;
}
