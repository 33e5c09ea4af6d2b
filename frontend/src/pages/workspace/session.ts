import { createContext, useContext } from 'react';
import type { Session } from '../../api/client';

// Inside /workspace the session is known to exist; this saves every page a null check.
export const SessionContext = createContext<Session | null>(null);

export function useCurrentSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useCurrentSession outside the workspace');
  return session;
}
