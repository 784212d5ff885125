import { createTRPCClient, httpBatchLink, type TRPCClient } from "@trpc/client";
import type { AppRouter } from "@codelab/api";
import { maxBatchSize } from "@codelab/sdk";
import { renewOnUnauthorizedLink } from "./renew-on-unauthorized-link.js";

export type TrpcClient = TRPCClient<AppRouter>;

export interface TrpcClientOptions {
  /** Read per request, so a renewed token is used from the next call on. */
  accessToken: () => string | undefined;
  renew: () => Promise<boolean>;
}

export function createTrpcClient({ accessToken, renew }: TrpcClientOptions): TrpcClient {
  return createTRPCClient<AppRouter>({
    links: [
      renewOnUnauthorizedLink({ renew }),
      httpBatchLink({
        url: "/trpc",
        maxItems: maxBatchSize,
        headers() {
          const token = accessToken();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
        // The API shares the SPA's origin (the server serves both; Vite proxies in development),
        // so same-origin credentials carry the httpOnly refresh cookie and nothing wider is needed.
        fetch: (input, init) => fetch(input, { ...init, credentials: "same-origin" }),
      }),
    ],
  });
}
