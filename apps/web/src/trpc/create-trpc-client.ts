import { createTRPCClient, httpBatchLink, httpLink, httpSubscriptionLink, splitLink, type TRPCClient } from "@trpc/client";
import type { AppRouter } from "@codelab/api";
import { maxBatchSize } from "@codelab/sdk";
import { HeaderEventSource } from "./header-event-source.js";
import { renewOnUnauthorizedLink } from "./renew-on-unauthorized-link.js";

export type TrpcClient = TRPCClient<AppRouter>;

export interface TrpcClientOptions {
  /** Read per request, so a renewed token is used from the next call on. */
  accessToken: () => string | undefined;
  renew: () => Promise<boolean>;
}

/**
 * Calls that stay open while a model answers go on their own request: aborting one (Stop)
 * must close its connection, which tells the server to stop the model, and a batch would only
 * be cancelled once every call in it was.
 */
const unbatchedPaths = new Set(["chat.send"]);

// The API shares the SPA's origin (the server serves both; Vite proxies in development), so
// same-origin credentials carry the httpOnly refresh cookie and nothing wider is needed.
const sameOriginFetch: typeof fetch = (input, init) => fetch(input, { ...init, credentials: "same-origin" });

export function createTrpcClient({ accessToken, renew }: TrpcClientOptions): TrpcClient {
  const authorization = (): Record<string, string> => {
    const token = accessToken();
    return token ? { authorization: `Bearer ${token}` } : {};
  };
  return createTRPCClient<AppRouter>({
    links: [
      renewOnUnauthorizedLink({ renew }),
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url: "/trpc",
          EventSource: HeaderEventSource,
          eventSourceOptions: () => ({ headers: authorization }),
        }),
        false: splitLink({
          condition: (op) => unbatchedPaths.has(op.path),
          true: httpLink({ url: "/trpc", headers: authorization, fetch: sameOriginFetch }),
          false: httpBatchLink({ url: "/trpc", maxItems: maxBatchSize, headers: authorization, fetch: sameOriginFetch }),
        }),
      }),
    ],
  });
}
