/** The methods of a port whose every method returns a promise, as a checklist: each key must be named. */
export type MethodList<T> = { readonly [K in keyof T]: true };

type AsyncPort<T> = { [K in keyof T]: (...args: never[]) => Promise<unknown> };

/**
 * A port whose adapter is built on its first call, so a function's cold start does not load an
 * SDK client it may never use (the API's S3 and Scheduler clients, the dead-letter function's
 * S3 and SQS clients). The adapter is then kept; a failed load is not, so the next call tries again.
 */
export function lazyPort<T extends AsyncPort<T>>(methods: MethodList<T>, load: () => Promise<T>): T {
  let port: Promise<T> | undefined;
  const loaded = (): Promise<T> => {
    if (!port) {
      port = load();
      port.catch(() => (port = undefined));
    }
    return port;
  };
  const forward =
    (name: keyof T) =>
    async (...args: never[]) => {
      const adapter = await loaded();
      return (adapter[name] as (...a: never[]) => Promise<unknown>).apply(adapter, args);
    };
  return Object.fromEntries(Object.keys(methods).map((name) => [name, forward(name as keyof T)])) as T;
}
