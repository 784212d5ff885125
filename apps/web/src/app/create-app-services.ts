import type { QueryClient } from "@tanstack/react-query";
import { AuthSession } from "../auth/session.js";
import { createSessionApi } from "../trpc/create-session-api.js";
import { createTrpcClient, type TrpcClient } from "../trpc/create-trpc-client.js";
import { ToastStore } from "../ui/toast-store.js";
import { createQueryClient } from "./create-query-client.js";

export interface AppServices {
  session: AuthSession;
  trpcClient: TrpcClient;
  queryClient: QueryClient;
  toasts: ToastStore;
}

/** Built once per page load: the session and the client depend on each other, so they are wired here. */
export function createAppServices(): AppServices {
  const toasts = new ToastStore();
  const queryClient = createQueryClient(toasts);
  const session: AuthSession = new AuthSession(createSessionApi(() => trpcClient));
  const trpcClient = createTrpcClient({ accessToken: () => session.accessToken, renew: () => session.renew() });
  session.subscribe(() => {
    // Nothing fetched for one user may be shown to the next one to sign in on this tab.
    if (session.getState().status === "signed-out") queryClient.clear();
  });
  return { session, trpcClient, queryClient, toasts };
}
