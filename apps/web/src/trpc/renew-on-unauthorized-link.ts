import type { TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import type { AppRouter } from "@codelab/api";
import { isExpiredSessionError } from "./is-expired-session-error.js";

/**
 * When the server refuses a call's access token, renews the session once and replays the call
 * with the new token; if renewal fails the original error stands (and the session has signed out).
 */
export function renewOnUnauthorizedLink({ renew }: { renew: () => Promise<boolean> }): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        let disposed = false;
        let current = next(op).subscribe({
          next: (envelope) => observer.next(envelope),
          complete: () => observer.complete(),
          error: (error) => {
            if (!isExpiredSessionError(op.path, error.data?.appCode)) {
              observer.error(error);
              return;
            }
            renew().then(
              (renewed) => {
                if (disposed) return;
                if (renewed) current = next(op).subscribe(observer);
                else observer.error(error);
              },
              () => observer.error(error),
            );
          },
        });
        return () => {
          disposed = true;
          current.unsubscribe();
        };
      });
}
