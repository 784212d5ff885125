import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWorkspaceFixture, type WorkspaceFixture } from "../workspace/testing/workspace-fixture.js";
import { readFile } from "./read-file.js";

let fixture: WorkspaceFixture;

beforeEach(async () => {
  fixture = await createWorkspaceFixture();
  await fixture.own.write("digits.txt", Buffer.from("0123456789"));
});

afterEach(async () => {
  await fixture[Symbol.asyncDispose]();
});

describe("readFile", () => {
  it("names where the next page starts, and null on the last one", async () => {
    const deps = { workspace: fixture.own };

    const first = await readFile(deps, { path: "digits.txt", offset: 0, maxBytes: 4 });
    const last = await readFile(deps, { path: "digits.txt", offset: 8, maxBytes: 4 });
    const whole = await readFile(deps, { path: "digits.txt", offset: 0, maxBytes: 10 });

    expect([first.content.toString(), first.nextOffset]).toEqual(["0123", 4]);
    expect([last.content.toString(), last.nextOffset]).toEqual(["89", null]);
    expect(whole.nextOffset).toBeNull();
  });
});
