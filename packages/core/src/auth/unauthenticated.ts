import { AppError } from "../errors/app-error.js";

/** Why a credential was refused: stable strings clients may branch on (`details.reason`). */
export type UnauthenticatedReason =
  | "missing_token"
  | "malformed_token"
  | "algorithm_not_allowed"
  | "invalid_signature"
  | "token_expired"
  | "token_not_yet_valid"
  | "missing_expiry"
  | "missing_subject"
  | "invalid_subject"
  | "wrong_token_type"
  | "token_revoked"
  | "unknown_user"
  | "refresh_token_reused"
  | "ticket_scope_mismatch";

export function unauthenticated(
  reason: UnauthenticatedReason,
  { message = "Invalid or expired token", cause }: { message?: string; cause?: unknown } = {},
): AppError {
  return new AppError("UNAUTHENTICATED", message, { details: { reason }, cause });
}
