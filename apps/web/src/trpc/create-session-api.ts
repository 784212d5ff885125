import { isTRPCClientError } from "@trpc/client";
import type { AppRouter } from "@codelab/api";
import type { SessionApi } from "../auth/session.js";
import type { TrpcClient } from "./create-trpc-client.js";

/** The session's view of the auth procedures: a refused renewal is an answer, not a failure. */
export function createSessionApi(client: () => TrpcClient): SessionApi {
  return {
    async refresh() {
      try {
        return await client().auth.refresh.mutate();
      } catch (error) {
        if (isTRPCClientError<AppRouter>(error) && error.data?.appCode === "UNAUTHENTICATED") return undefined;
        throw error;
      }
    },
    logout: () => client().auth.logout.mutate(),
  };
}
