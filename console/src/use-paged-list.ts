import { useCallback, useEffect, useState } from 'preact/hooks';
import { asProblem, type Problem } from './api/client';

/** One page as openapi-fetch answers a list route: the items and the cursor of the next page. */
export interface PageAnswer<T> {
  data?: { items: T[]; nextCursor?: string };
  error?: unknown;
  response: Response;
}

/**
 * A cursor-paged list: `fetchPage(cursor?)` asks for one page; the first is loaded on mount and
 * again whenever `fetchPage` changes (new filters), and `more()` appends the next. A failed page
 * leaves the items as they were and sets `problem`.
 */
export function usePagedList<T>(fetchPage: (cursor?: string) => Promise<PageAnswer<T>>) {
  const [items, setItems] = useState<T[]>();
  const [cursor, setCursor] = useState<string>();
  const [problem, setProblem] = useState<Problem>();

  const load = useCallback(
    async (after?: string) => {
      const { data, error, response } = await fetchPage(after);
      if (!data) return setProblem(asProblem(error, response));
      setProblem(undefined);
      setItems((old) => (after ? [...(old ?? []), ...data.items] : data.items));
      setCursor(data.nextCursor);
    },
    [fetchPage],
  );
  useEffect(() => {
    void load();
  }, [load]);

  return {
    items,
    setItems,
    problem,
    setProblem,
    /** Loads the first page again. */
    reload: () => load(),
    /** Appends the next page; undefined when there is none. */
    more: cursor ? () => load(cursor) : undefined,
  };
}
