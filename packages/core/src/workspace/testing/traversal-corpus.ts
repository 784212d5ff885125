/** A path that tries to leave the workspace or to mean something other than it says, and why it must be refused. */
export interface HostilePath {
  label: string;
  path: string;
}

/**
 * Paths every workspace operation must refuse, whatever transport brought them: parent segments
 * in every spelling, absolute and drive paths, backslashes, control and NUL characters, Unicode
 * lookalikes of `.`, `..` and `/`, and sizes past the limits.
 */
export const hostilePaths: HostilePath[] = [
  { label: "a parent segment", path: "../secret.txt" },
  { label: "two parent segments", path: "../../etc/passwd" },
  { label: "a parent segment alone", path: ".." },
  { label: "parent segments after a directory", path: "a/../../b" },
  { label: "a parent segment that would stay inside", path: "a/../b.txt" },
  { label: "a parent segment at the end", path: "a/.." },
  { label: "a sibling project", path: "../00000000-0000-4000-8000-000000000000/notes.txt" },
  { label: "an absolute path", path: "/etc/passwd" },
  { label: "a doubled leading slash", path: "//etc/passwd" },
  { label: "a Windows drive path", path: "C:\\Windows\\win.ini" },
  { label: "a Windows drive with slashes", path: "C:/Windows/win.ini" },
  { label: "backslash parent segments", path: "..\\..\\secret.txt" },
  { label: "a backslash inside a name", path: "a\\..\\..\\b" },
  { label: "a NUL byte", path: "notes.txt\u0000.png" },
  { label: "a NUL segment", path: "a/\u0000/b" },
  { label: "a newline", path: "a\nb.txt" },
  { label: "an escape character", path: "\u001b[31mred" },
  { label: "a right-to-left override", path: "invoice\u202etxt.exe" },
  { label: "fullwidth dots", path: "\uff0e\uff0e/secret.txt" },
  { label: "a two-dot leader", path: "\u2025/secret.txt" },
  { label: "one-dot leaders", path: "\u2024\u2024/secret.txt" },
  { label: "a fullwidth solidus", path: "..\uff0fsecret.txt" },
  { label: "a lone surrogate", path: "a\ud800b" },
  { label: "an overlong path", path: "a/".repeat(600) + "b" },
  { label: "too many segments", path: "d/".repeat(40) + "f.txt" },
  { label: "an overlong name", path: "n".repeat(300) },
  { label: "nothing", path: "" },
  { label: "only dots and slashes", path: "./././" },
  { label: "a single dot", path: "." },
  { label: "only a slash", path: "/" },
  { label: "a trailing slash", path: "notes/" },
];

/** Odd but harmless spellings, with the path each one means inside the workspace. */
export const harmlessPaths: Array<{ path: string; normalized: string }> = [
  { path: "./notes.txt", normalized: "notes.txt" },
  { path: "a//b.txt", normalized: "a/b.txt" },
  { path: "a/./b.txt", normalized: "a/b.txt" },
  { path: "...", normalized: "..." },
  { path: "~/notes.txt", normalized: "~/notes.txt" },
  { path: "%2e%2e/notes.txt", normalized: "%2e%2e/notes.txt" },
  { path: "C/notes.txt", normalized: "C/notes.txt" },
  { path: "räksmörgås.txt", normalized: "räksmörgås.txt" },
];
