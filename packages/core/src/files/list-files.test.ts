import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWorkspaceFixture, type WorkspaceFixture } from "../workspace/testing/workspace-fixture.js";
import { listFiles } from "./list-files.js";

let fixture: WorkspaceFixture;

beforeEach(async () => {
  fixture = await createWorkspaceFixture();
});

afterEach(async () => {
  await fixture[Symbol.asyncDispose]();
});

describe("listFiles", () => {
  it("pages one directory in path order and counts all of it", async () => {
    for (const name of ["c.txt", "a.txt", "b/inner.txt", "d.txt"]) await fixture.own.write(name, Buffer.from(name));

    const page = await listFiles({ workspace: fixture.own }, { limit: 2, offset: 1 });
    const inner = await listFiles({ workspace: fixture.own }, { path: "b", limit: 20, offset: 0 });

    expect(page.files.map(({ path }) => path)).toEqual(["b", "c.txt"]);
    expect(page.total).toBe(4);
    expect(inner).toEqual({ files: [expect.objectContaining({ path: "b/inner.txt", kind: "file", size: 11 })], total: 1 });
  });
});
