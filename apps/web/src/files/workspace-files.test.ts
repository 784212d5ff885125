import { describe, expect, it } from "vitest";
import { formatBytes } from "./format-bytes.js";
import { describeUploadError, workspaceErrorFrom } from "./workspace-request-error.js";
import { fileDownloadUrl, foldersOf, joinPath, nameOf } from "./workspace-path.js";

const projectId = "0f8fad5b-d9cb-469f-a165-70867728950e";

describe("workspace paths", () => {
  it("names, joins and splits paths relative to the root", () => {
    expect(nameOf("charts/sales.svg")).toBe("sales.svg");
    expect(nameOf("notes.txt")).toBe("notes.txt");
    expect(joinPath("", "notes.txt")).toBe("notes.txt");
    expect(joinPath("data/raw", "a.csv")).toBe("data/raw/a.csv");
    expect(foldersOf("")).toEqual([]);
    expect(foldersOf("data/raw")).toEqual([
      { name: "data", path: "data" },
      { name: "raw", path: "data/raw" },
    ]);
  });

  it("encodes every segment of a download URL on its own", () => {
    expect(fileDownloadUrl(projectId, "charts/sales.svg")).toBe(`/my/projects/${projectId}/files/charts/sales.svg`);
    expect(fileDownloadUrl(projectId, "a b/#1?%.txt")).toBe(`/my/projects/${projectId}/files/a%20b/%231%3F%25.txt`);
  });
});

describe("formatBytes", () => {
  it("uses binary multiples with one decimal below ten", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(10 * 1024 * 1024)).toBe("10 MB");
    expect(formatBytes(300 * 1024)).toBe("300 KB");
  });
});

describe("upload errors", () => {
  it("states the size cap the server reported", () => {
    const error = workspaceErrorFrom(413, { error: { code: "FILE_TOO_LARGE", message: "The file is larger than the 1048576-byte limit", details: { limitBytes: 1_048_576 } } });
    expect(describeUploadError(error, "big.bin")).toBe("“big.bin” is too large to upload: files can be at most 1 MB.");
  });

  it("reads a bare 413 from a proxy as too large", () => {
    expect(describeUploadError(workspaceErrorFrom(413, "<html>Request Entity Too Large</html>"), "big.bin")).toBe("“big.bin” is too large to upload.");
  });

  it("keeps the server's message for other refusals", () => {
    const error = workspaceErrorFrom(400, { error: { code: "INVALID_PATH", message: "A name in the path imitates '.', '..' or a separator", details: {} } });
    expect(error.code).toBe("INVALID_PATH");
    expect(describeUploadError(error, "..")).toContain("can't be used as a file name");
    expect(describeUploadError(workspaceErrorFrom(500, null), "a.txt")).toBe("The server answered 500. Try again.");
  });
});
