import { QueryClient } from "@tanstack/react-query";
import { errorCode } from "../trpc/error-message.js";

/** Retrying only helps when the server was unreachable or failed; a 4xx answer will not change. */
function isWorthRetrying(error: unknown): boolean {
  const code = errorCode(error);
  return code === undefined || code === "INTERNAL";
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) => failureCount < 2 && isWorthRetrying(error),
      },
    },
  });
}
