import { createTRPCClient, httpBatchLink, type TRPCClient } from "@trpc/client";
import type { AppRouter } from "@codelab/api";

export type CodelabClient = TRPCClient<AppRouter>;

export interface CodelabClientOptions {
  /** The server's base URL, e.g. `http://localhost:8000`. */
  url: string;
  /** An access token, or a function returning the current one (called per request, so renewal just works). */
  token?: string | (() => string | undefined | Promise<string | undefined>);
  /** A fetch implementation; defaults to the global one. */
  fetch?: typeof globalThis.fetch;
  /** Sent with every request, e.g. `"include"` so a browser sends the refresh cookie. */
  credentials?: "include" | "same-origin" | "omit";
}

/** The server accepts at most this many calls in one batch. */
export const maxBatchSize = 10;

/** A fully typed client for CodeLab's tRPC API, usable from Node and browsers. */
export function createCodelabClient({ url, token, fetch, credentials }: CodelabClientOptions): CodelabClient {
  const baseUrl = url.replace(/\/+$/, "");
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${baseUrl}/trpc`,
        maxItems: maxBatchSize,
        async headers() {
          const current = typeof token === "function" ? await token() : token;
          return current ? { authorization: `Bearer ${current}` } : {};
        },
        fetch: (input, init) => (fetch ?? globalThis.fetch)(input, { ...init, ...(credentials ? { credentials } : {}) }),
      }),
    ],
  });
}
