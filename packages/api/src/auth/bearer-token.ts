import { AppError } from "@codelab/core";

/** The token of an `Authorization: Bearer <token>` header; UNAUTHENTICATED when there is none. */
export function bearerToken(authorization: string | undefined): string {
  const match = authorization ? /^Bearer ([^\s]+)$/i.exec(authorization.trim()) : null;
  if (!match?.[1]) {
    throw new AppError("UNAUTHENTICATED", "Missing or invalid Authorization header", {
      details: { reason: "missing_token" },
    });
  }
  return match[1];
}
