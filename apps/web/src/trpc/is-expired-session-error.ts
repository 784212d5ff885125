/**
 * Whether a failed call is worth one session renewal and a retry: the server did not accept the
 * access token. A failed renewal itself is final, and wrong credentials (`INVALID_CREDENTIALS`)
 * are the user's to fix, not the session's.
 */
export function isExpiredSessionError(path: string, appCode: string | undefined): boolean {
  return appCode === "UNAUTHENTICATED" && path !== "auth.refresh";
}
