import { invalidPath } from "./workspace-errors.js";

/** Before normalization, in UTF-8 bytes: well past any real project path, far below what file systems allow. */
export const maxPathBytes = 1024;
/** NAME_MAX of the common Linux file systems. */
export const maxSegmentBytes = 255;
export const maxPathDepth = 32;

// C0, DEL and C1 controls, and the bidirectional overrides that make a name display as something it is not.
const controlCharacter = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const unpairedSurrogate = /\p{Cs}/u;
const driveLetter = /^[a-z]:/i;

/**
 * A name some other layer (a Unicode-normalizing file system, a client, a zip tool) could read as
 * `.`, `..` or a separator: fullwidth `．．`, the one-dot leader `․`, the fullwidth solidus `／`.
 */
function isLookalike(segment: string): boolean {
  const folded = segment.normalize("NFKC");
  return folded === "." || folded === ".." || folded.includes("/") || folded.includes("\\");
}

const byteLength = (text: string) => Buffer.byteLength(text, "utf8");

/** Checks one segment as it appears in a path; `.` and empty segments are dropped by the caller before this. */
function checkSegment(segment: string): void {
  if (segment === "..") throw invalidPath("parent_segment");
  if (isLookalike(segment)) throw invalidPath("lookalike_segment");
  if (byteLength(segment) > maxSegmentBytes) throw invalidPath("segment_too_long");
}

/**
 * The segments of a relative path, refused rather than repaired when anything about it is
 * suspicious: a path that needs `..`, a backslash or a control character to mean what it means
 * was not written by someone naming a file in their workspace. `.` and empty segments (`a//b`,
 * `./a`) are harmless and dropped.
 */
function segmentsOf(raw: string): string[] {
  if (byteLength(raw) > maxPathBytes) throw invalidPath("too_long");
  if (unpairedSurrogate.test(raw)) throw invalidPath("invalid_unicode");
  if (controlCharacter.test(raw)) throw invalidPath("control_character");
  if (raw.includes("\\")) throw invalidPath("backslash");
  if (raw.startsWith("/") || driveLetter.test(raw)) throw invalidPath("absolute");
  const segments = raw.split("/").filter((segment) => segment !== "" && segment !== ".");
  segments.forEach(checkSegment);
  if (segments.length > maxPathDepth) throw invalidPath("too_deep");
  return segments;
}

/** A file's path, `/`-separated and relative to the workspace root; throws `INVALID_PATH`. */
export function normalizeFilePath(raw: string): string {
  const segments = segmentsOf(raw);
  if (segments.length === 0) throw invalidPath("empty");
  if (raw.endsWith("/")) throw invalidPath("trailing_slash");
  return segments.join("/");
}

/** A directory's path; `""` is the workspace root (from `""`, `.`, `./` and the like). */
export function normalizeDirectoryPath(raw: string): string {
  return segmentsOf(raw).join("/");
}

/** The segments of an already normalized path. */
export function splitWorkspacePath(normalized: string): string[] {
  return normalized === "" ? [] : normalized.split("/");
}

/**
 * Whether a name found on disk can be addressed through the API. Names that could not be
 * (a backslash or a control character written by some other program) are left out of listings
 * rather than shown as entries that every later request would refuse.
 */
export function isAddressableName(name: string): boolean {
  try {
    return segmentsOf(name).length === 1;
  } catch {
    return false;
  }
}
