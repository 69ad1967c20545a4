import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api/client';
import type { Session } from './auth/session';

/** What every page needs: the typed API client and who is signed in. */
export interface AppContextValue {
  api: Api;
  session: Session;
  /** Shows a short message in the page's live region. */
  announce(message: string): void;
}

export const AppContext = createContext<AppContextValue | undefined>(undefined);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside the signed-in console');
  return value;
}
