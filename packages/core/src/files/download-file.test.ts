import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWorkspaceFixture, type WorkspaceFixture } from "../workspace/testing/workspace-fixture.js";
import { downloadFile } from "./download-file.js";

let fixture: WorkspaceFixture;

beforeEach(async () => {
  fixture = await createWorkspaceFixture({ maxFileBytes: 8 });
});

afterEach(async () => {
  await fixture[Symbol.asyncDispose]();
});

describe("downloadFile", () => {
  it("answers the whole file", async () => {
    await fixture.own.write("small.txt", Buffer.from("12345678"));

    const file = await downloadFile({ workspace: fixture.own, workspaces: fixture.workspaces }, { path: "small.txt" });

    expect([file.content.toString(), file.size]).toEqual(["12345678", 8]);
  });

  it("refuses a file put there by other means and larger than the limit, rather than send it cut short", async () => {
    await writeFile(join(fixture.own.directory, "large.txt"), "123456789");

    await expect(downloadFile({ workspace: fixture.own, workspaces: fixture.workspaces }, { path: "large.txt" })).rejects.toMatchObject({
      code: "FILE_TOO_LARGE",
      details: { limitBytes: 8 },
    });
  });
});
