import { useEffect, useRef } from 'preact/hooks';

/**
 * Calls `tick` while `active`, first after `initialMs`, then backing off (×1.5, at most `maxMs`);
 * a change of `key` starts over. No overlapping calls; no calls while the page is hidden (a tab in
 * the background); stops when the component goes away.
 */
export function usePoll(active: boolean, tick: () => Promise<void>, key: unknown, initialMs = 1000, maxMs = 10_000): void {
  const tickRef = useRef(tick);
  tickRef.current = tick;
  useEffect(() => {
    if (!active) return;
    let delay = initialMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const run = async () => {
      if (document.hidden) {
        timer = setTimeout(() => void run(), delay);
        return;
      }
      try {
        await tickRef.current();
      } catch {
        // A failed poll is tried again later, more slowly.
      }
      if (stopped) return;
      delay = Math.min(maxMs, delay * 1.5);
      timer = setTimeout(() => void run(), delay);
    };
    timer = setTimeout(() => void run(), delay);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active, key, initialMs, maxMs]);
}
