import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, type TRPCClient } from "@trpc/client";
import type { AppRouter } from "@codelab/api";

export type CodelabClient = TRPCClient<AppRouter>;

/** Any EventSource implementation: the browser's, or a package's in Node (which has none built in). */
export type EventSourceConstructor = NonNullable<Parameters<typeof httpSubscriptionLink>[0]["EventSource"]>;

export interface CodelabClientOptions {
  /** The server's base URL, e.g. `http://localhost:8000`. */
  url: string;
  /** An access token, or a function returning the current one (called per request, so renewal just works). */
  token?: string | (() => string | undefined | Promise<string | undefined>);
  /** A fetch implementation; defaults to the global one. */
  fetch?: typeof globalThis.fetch;
  /** Sent with every request, e.g. `"include"` so a browser sends the refresh cookie. */
  credentials?: "include" | "same-origin" | "omit";
  /**
   * For subscriptions (`chat.events`); defaults to the global `EventSource`. Subscriptions are
   * authenticated with the Authorization header, so it must be an implementation that can send
   * one: the SDK hands it both `headers` (event-source-polyfill and the like) and a `fetch` that
   * adds the current token on every (re)connection (the `eventsource` package). A browser's own
   * EventSource cannot: there, use the REST stream with a ticket (`chat.eventsTicket`).
   */
  EventSource?: EventSourceConstructor;
}

/** The server accepts at most this many calls in one batch. */
export const maxBatchSize = 10;

/** A fully typed client for CodeLab's tRPC API, usable from Node and browsers. */
export function createCodelabClient({ url, token, fetch, credentials, EventSource }: CodelabClientOptions): CodelabClient {
  const baseUrl = url.replace(/\/+$/, "");
  const currentToken = async () => (typeof token === "function" ? await token() : token);
  const authorization = async (): Promise<Record<string, string>> => {
    const current = await currentToken();
    return current ? { authorization: `Bearer ${current}` } : {};
  };
  const fetchWithCredentials: typeof globalThis.fetch = (input, init) =>
    (fetch ?? globalThis.fetch)(input, { ...init, ...(credentials ? { credentials } : {}) });

  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (operation) => operation.type === "subscription",
        // The client reconnects by itself, resuming after the last event it received (`tracked` ids).
        true: httpSubscriptionLink({
          url: `${baseUrl}/trpc`,
          EventSource,
          eventSourceOptions: async () => ({
            headers: await authorization(),
            async fetch(input: string | URL, init: RequestInit = {}) {
              const headers = new Headers(init.headers);
              for (const [name, value] of Object.entries(await authorization())) headers.set(name, value);
              return fetchWithCredentials(input, { ...init, headers });
            },
            ...(credentials === "include" ? { withCredentials: true } : {}),
          }),
        }),
        false: httpBatchLink({
          url: `${baseUrl}/trpc`,
          maxItems: maxBatchSize,
          headers: authorization,
          fetch: fetchWithCredentials,
        }),
      }),
    ],
  });
}
