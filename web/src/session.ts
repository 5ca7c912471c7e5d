import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Me, User } from './api';

export interface SessionValue {
  me: Me;
  signOut: () => Promise<void>;
  /** Replace the signed-in user after the server changed it (e.g. its locale). */
  setUser: (user: User) => void;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() outside a signed-in shell');
  return value;
}
