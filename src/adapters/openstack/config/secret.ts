import { inspect } from 'node:util';

/**
 * A secret value (password, application credential secret, token) that never shows itself:
 * `JSON.stringify`, `util.inspect`, `console.log`, template strings and object spread all see
 * `[redacted]`. Only `reveal()` returns the value, so every place that sends it is greppable.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The secret itself; call it only where the value goes on the wire. */
  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return '[redacted]';
  }

  toString(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return 'Secret([redacted])';
  }
}
