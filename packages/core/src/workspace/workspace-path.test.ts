import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error.js";
import { harmlessPaths, hostilePaths } from "./testing/traversal-corpus.js";
import { isAddressableName, maxPathDepth, normalizeDirectoryPath, normalizeFilePath } from "./workspace-path.js";

function refusal(normalize: (raw: string) => string, raw: string): AppError {
  try {
    normalize(raw);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(raw)} was accepted`);
}

describe("normalizeFilePath", () => {
  it.each(hostilePaths)("refuses $label with INVALID_PATH and a reason", ({ path }) => {
    const error = refusal(normalizeFilePath, path);

    expect(error.code).toBe("INVALID_PATH");
    expect(error.details.reason).toEqual(expect.any(String));
  });

  it.each(harmlessPaths)("reads $path as $normalized", ({ path, normalized }) => {
    expect(normalizeFilePath(path)).toBe(normalized);
  });

  it.each([
    ["../x", "parent_segment"],
    ["/etc/passwd", "absolute"],
    ["C:/x", "absolute"],
    ["a\\b", "backslash"],
    ["a\u0000b", "control_character"],
    ["\uff0e\uff0e/x", "lookalike_segment"],
    ["x".repeat(2000), "too_long"],
    ["./", "empty"],
    ["dir/", "trailing_slash"],
    ["a\ud800", "invalid_unicode"],
  ])("names why %j is refused: %s", (path, reason) => {
    expect(refusal(normalizeFilePath, path).details).toEqual({ reason });
  });

  it("accepts the deepest allowed path and refuses one segment more", () => {
    const deepest = Array.from({ length: maxPathDepth }, (_, index) => `d${index}`).join("/");

    expect(normalizeFilePath(deepest)).toBe(deepest);
    expect(refusal(normalizeFilePath, `${deepest}/one-more`).details).toEqual({ reason: "too_deep" });
  });

  it("counts length in UTF-8 bytes, not characters", () => {
    // 300 characters, 600 bytes: over the 255-byte limit for one name.
    expect(refusal(normalizeFilePath, "é".repeat(300)).details).toEqual({ reason: "segment_too_long" });
    expect(normalizeFilePath("é".repeat(127))).toBe("é".repeat(127));
  });
});

describe("normalizeDirectoryPath", () => {
  it.each(["", ".", "./", "./././", ".//."])("reads %j as the workspace root", (path) => {
    expect(normalizeDirectoryPath(path)).toBe("");
  });

  it("keeps a directory path without its trailing slash", () => {
    expect(normalizeDirectoryPath("src/lib/")).toBe("src/lib");
  });

  it.each(hostilePaths.filter(({ path }) => !namesTheRootOrADirectory(path)))("refuses $label", ({ path }) => {
    expect(refusal(normalizeDirectoryPath, path).code).toBe("INVALID_PATH");
  });
});

/** The corpus entries refused as files only because they name the root or a directory. */
function namesTheRootOrADirectory(path: string): boolean {
  const reason = refusal(normalizeFilePath, path).details.reason;
  return reason === "empty" || reason === "trailing_slash";
}

describe("isAddressableName", () => {
  it("accepts ordinary names and refuses what no path could name", () => {
    expect(["notes.txt", "...", "räksmörgås", ".hidden"].map(isAddressableName)).toEqual([true, true, true, true]);
    expect(["..", ".", "a\\b", "a\nb", "\uff0e\uff0e", "x".repeat(256)].map(isAddressableName)).toEqual([false, false, false, false, false, false]);
  });
});
