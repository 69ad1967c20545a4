import { describe, expect, it, vi } from 'vitest';
import { lazyPort } from '../../src/wiring/lazy-port';

interface Greeter {
  greet(name: string): Promise<string>;
  count(): Promise<number>;
}

class CountingGreeter implements Greeter {
  calls = 0;
  async greet(name: string) {
    this.calls += 1;
    return `hello ${name}`;
  }
  async count() {
    return this.calls;
  }
}

describe('lazyPort', () => {
  it('builds the adapter on the first call, not before, and keeps it', async () => {
    const load = vi.fn(async (): Promise<Greeter> => new CountingGreeter());
    const port = lazyPort<Greeter>({ greet: true, count: true }, load);
    expect(load).not.toHaveBeenCalled();

    expect(await port.greet('a')).toBe('hello a');
    await port.greet('b');
    // The adapter's own `this`: the same instance counted both calls.
    expect(await port.count()).toBe(2);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('builds it once when the first calls come together', async () => {
    const load = vi.fn(async (): Promise<Greeter> => new CountingGreeter());
    const port = lazyPort<Greeter>({ greet: true, count: true }, load);
    await Promise.all([port.greet('a'), port.greet('b'), port.count()]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not keep a failed load: the next call tries again', async () => {
    const load = vi.fn<() => Promise<Greeter>>().mockRejectedValueOnce(new Error('throttled')).mockResolvedValue(new CountingGreeter());
    const port = lazyPort<Greeter>({ greet: true, count: true }, load);

    await expect(port.greet('a')).rejects.toThrow('throttled');
    expect(await port.greet('a')).toBe('hello a');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
