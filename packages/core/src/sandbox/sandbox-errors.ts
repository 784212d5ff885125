import { AppError, isAppError } from "../errors/app-error.js";

/**
 * The isolation mechanism is missing or cannot start here. Code is then not run at all: there is
 * no fallback that runs it without the sandbox.
 */
export const sandboxUnavailable = (reason: string, cause?: unknown) =>
  new AppError("SANDBOX_UNAVAILABLE", `Code execution is unavailable on this server: ${reason}`, { details: { reason }, cause });

export const isSandboxUnavailable = (error: unknown): error is AppError => isAppError(error) && error.code === "SANDBOX_UNAVAILABLE";
