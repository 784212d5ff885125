import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";
import type { AuthSession, SessionState } from "./session.js";

const SessionContext = createContext<AuthSession | undefined>(undefined);

export function SessionProvider({ session, children }: { session: AuthSession; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): AuthSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession must be used inside <SessionProvider>");
  return session;
}

export function useSessionState(): SessionState {
  const session = useSession();
  return useSyncExternalStore(session.subscribe, session.getState);
}
