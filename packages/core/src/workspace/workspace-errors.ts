import { AppError } from "../errors/app-error.js";

/** Why a path was refused; stable, so clients and tests can tell the cases apart. */
export type InvalidPathReason =
  | "too_long"
  | "too_deep"
  | "segment_too_long"
  | "control_character"
  | "invalid_unicode"
  | "backslash"
  | "absolute"
  | "parent_segment"
  | "lookalike_segment"
  | "empty"
  | "trailing_slash"
  | "symbolic_link"
  | "not_a_directory"
  | "is_a_directory"
  | "not_a_regular_file";

const reasonMessages: Record<InvalidPathReason, string> = {
  too_long: "The path is too long",
  too_deep: "The path has too many segments",
  segment_too_long: "A name in the path is too long",
  control_character: "The path must not contain control characters",
  invalid_unicode: "The path must be valid Unicode text",
  backslash: "Separate path segments with '/', not '\\'",
  absolute: "The path must be relative to the workspace root",
  parent_segment: "The path must not contain '..' segments",
  lookalike_segment: "A name in the path imitates '.', '..' or a separator",
  empty: "The path names no file",
  trailing_slash: "A file path must not end with '/'",
  symbolic_link: "The path goes through a symbolic link, which the workspace does not follow",
  not_a_directory: "A part of the path is a file, not a directory",
  is_a_directory: "The path names a directory, not a file",
  not_a_regular_file: "The path names something that is neither a file nor a directory",
};

export const invalidPath = (reason: InvalidPathReason) =>
  new AppError("INVALID_PATH", reasonMessages[reason], { details: { reason } });

export const fileNotFound = () => new AppError("FILE_NOT_FOUND", "File not found");

export const fileTooLarge = (limitBytes: number) =>
  new AppError("FILE_TOO_LARGE", `The file is larger than the ${limitBytes}-byte limit`, { details: { limitBytes } });

export const workspaceQuotaExceeded = (limitBytes: number) =>
  new AppError("WORKSPACE_QUOTA_EXCEEDED", `The workspace would exceed its ${limitBytes}-byte quota`, { details: { limitBytes } });

export function invalidPathReasonOf(error: unknown): InvalidPathReason | undefined {
  if (!(error instanceof AppError) || error.code !== "INVALID_PATH") return undefined;
  const { reason } = error.details;
  return typeof reason === "string" && reason in reasonMessages ? (reason as InvalidPathReason) : undefined;
}
