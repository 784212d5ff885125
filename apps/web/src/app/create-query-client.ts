import { MutationCache, QueryClient } from "@tanstack/react-query";
import { errorCode, errorMessage } from "../trpc/error-message.js";
import type { ToastStore } from "../ui/toast-store.js";

declare module "@tanstack/react-query" {
  interface Register {
    /** `inlineErrors`: the form shows this mutation's failure beside its fields, so no toast. */
    mutationMeta: { inlineErrors?: boolean };
  }
}

/** Retrying only helps when the server was unreachable or failed; a 4xx answer will not change. */
function isWorthRetrying(error: unknown): boolean {
  const code = errorCode(error);
  return code === undefined || code === "INTERNAL";
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || (error.cause instanceof Error && error.cause.name === "AbortError"));
}

export function createQueryClient(toasts: ToastStore): QueryClient {
  return new QueryClient({
    // Every failed action is reported with the server's own message, unless its form already shows it.
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (mutation.meta?.inlineErrors || isAbort(error)) return;
        toasts.show("error", errorMessage(error));
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) => failureCount < 2 && isWorthRetrying(error),
      },
    },
  });
}
