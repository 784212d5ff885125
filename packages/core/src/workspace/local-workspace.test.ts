import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocalWorkspaces } from "./create-local-workspaces.js";
import { diskTree } from "./testing/disk-tree.js";
import { createWorkspaceFixture, outsideSecret, type WorkspaceFixture } from "./testing/workspace-fixture.js";

let fixture: WorkspaceFixture;

beforeEach(async () => {
  fixture = await createWorkspaceFixture({ maxFileBytes: 1024 });
});

afterEach(async () => {
  await fixture[Symbol.asyncDispose]();
});

const text = (content: Buffer) => content.toString("utf8");

describe("a local workspace", () => {
  it("writes, lists, reads and deletes files, making parent directories as needed", async () => {
    const { own } = fixture;

    const written = await own.write("src/lib/util.ts", Buffer.from("export const one = 1;\n"));
    await own.write("README.md", Buffer.from("# Hello"));

    expect(written).toMatchObject({ path: "src/lib/util.ts", kind: "file", size: 22 });
    expect((await own.list()).map(({ path, kind, size }) => [path, kind, size])).toEqual([
      ["README.md", "file", 7],
      ["src", "directory", 0],
    ]);
    expect((await own.list("src/lib")).map(({ path }) => path)).toEqual(["src/lib/util.ts"]);
    expect(text((await own.read("src/lib/util.ts", { maxBytes: 100 })).content)).toBe("export const one = 1;\n");
    expect(await readFile(join(own.directory, "src/lib/util.ts"), "utf8")).toBe("export const one = 1;\n");

    await own.delete("src/lib/util.ts");
    await own.delete("src");

    expect((await own.list()).map(({ path }) => path)).toEqual(["README.md"]);
  });

  it("reads a page at a time and reports the whole size", async () => {
    await fixture.own.write("digits.txt", Buffer.from("0123456789"));

    const first = await fixture.own.read("digits.txt", { maxBytes: 4 });
    const last = await fixture.own.read("digits.txt", { offset: 8, maxBytes: 4 });
    const past = await fixture.own.read("digits.txt", { offset: 50, maxBytes: 4 });

    expect([text(first.content), first.size, first.offset]).toEqual(["0123", 10, 0]);
    expect([text(last.content), last.size, last.offset]).toEqual(["89", 10, 8]);
    expect([past.content.byteLength, past.offset]).toEqual([0, 10]);
  });

  it("replaces a file whole", async () => {
    await fixture.own.write("notes.txt", Buffer.from("first version, rather long"));
    await fixture.own.write("notes.txt", Buffer.from("second"));

    expect(text((await fixture.own.read("notes.txt", { maxBytes: 100 })).content)).toBe("second");
  });

  it("answers FILE_NOT_FOUND for missing files and directories", async () => {
    await expect(fixture.own.read("missing.txt", { maxBytes: 10 })).rejects.toMatchObject({ code: "FILE_NOT_FOUND" });
    await expect(fixture.own.read("missing/file.txt", { maxBytes: 10 })).rejects.toMatchObject({ code: "FILE_NOT_FOUND" });
    await expect(fixture.own.list("missing")).rejects.toMatchObject({ code: "FILE_NOT_FOUND" });
    await expect(fixture.own.delete("missing.txt")).rejects.toMatchObject({ code: "FILE_NOT_FOUND" });
  });

  it("tells a directory from a file", async () => {
    await fixture.own.write("dir/file.txt", Buffer.from("x"));

    await expect(fixture.own.read("dir", { maxBytes: 10 })).rejects.toMatchObject({ code: "INVALID_PATH", details: { reason: "is_a_directory" } });
    await expect(fixture.own.write("dir", Buffer.from("x"))).rejects.toMatchObject({ code: "INVALID_PATH", details: { reason: "is_a_directory" } });
    await expect(fixture.own.write("dir/file.txt/inner.txt", Buffer.from("x"))).rejects.toMatchObject({
      code: "INVALID_PATH",
      details: { reason: "not_a_directory" },
    });
    await expect(fixture.own.list("dir/file.txt")).rejects.toMatchObject({ code: "INVALID_PATH", details: { reason: "not_a_directory" } });
  });

  it("refuses a file over the limit and writes nothing", async () => {
    const before = await diskTree(fixture.root);

    await expect(fixture.own.write("big.bin", Buffer.alloc(1025))).rejects.toMatchObject({ code: "FILE_TOO_LARGE", details: { limitBytes: 1024 } });
    await fixture.own.write("exact.bin", Buffer.alloc(1024));

    expect(await diskTree(fixture.root, { skip: [`${fixture.own.projectId}/exact.bin`] })).toEqual(before);
  });

  it("never leaves a half-written file for a reader to see", async () => {
    const { own } = fixture;
    const versions = [Buffer.alloc(1000, "a"), Buffer.alloc(1000, "b")];
    await own.write("data.bin", versions[0]!);

    const writes = Array.from({ length: 30 }, (_, index) => own.write("data.bin", versions[index % 2]!));
    const reads = Array.from({ length: 30 }, () => own.read("data.bin", { maxBytes: 2000 }));
    const seen = await Promise.all(reads);
    await Promise.all(writes);

    for (const { content } of seen) expect([versions[0], versions[1]]).toContainEqual(content);
    expect(await readdir(join(fixture.root, ".incoming"))).toEqual([]);
  });

  it("creates the directory of a project made before workspaces existed on first use", async () => {
    const older = fixture.workspaces.open(randomUUID());

    expect(existsSync(older.directory)).toBe(false);
    expect(await older.list()).toEqual([]);
    expect(existsSync(older.directory)).toBe(true);
  });

  it("is removed with everything in it, and removing a missing one is no error", async () => {
    const { own, workspaces } = fixture;
    await own.write("a/b/c.txt", Buffer.from("c"));

    await workspaces.remove(own.projectId);
    await workspaces.remove(own.projectId);

    expect(existsSync(own.directory)).toBe(false);
    expect(await fixture.sibling.list()).toHaveLength(1);
  });

  it("removes a link planted in a workspace's place, not what it points to", async () => {
    const planted = randomUUID();
    await symlink(fixture.outside, join(fixture.root, planted));

    await fixture.workspaces.remove(planted);

    expect(existsSync(join(fixture.root, planted))).toBe(false);
    expect(await readFile(join(fixture.outside, "secret.txt"), "utf8")).toBe(outsideSecret);
  });

  it("will not work in a workspace that is a link", async () => {
    const planted = randomUUID();
    await symlink(fixture.outside, join(fixture.root, planted));

    await expect(fixture.workspaces.open(planted).read("secret.txt", { maxBytes: 100 })).rejects.toThrow(/not a directory/);
  });

  it("only opens workspaces named by a project id", () => {
    for (const name of ["..", ".incoming", "../outside", "", "not-a-uuid"]) {
      expect(() => fixture.workspaces.open(name), name).toThrow(/project id/);
    }
  });
});

describe("a workspace quota", () => {
  it("refuses a write that would take the workspace over it, counting a replaced file once", async () => {
    await using quoted = await createWorkspaceFixture({ maxFileBytes: 1024, maxWorkspaceBytes: 100 });
    await quoted.own.write("a.bin", Buffer.alloc(60));

    await expect(quoted.own.write("b.bin", Buffer.alloc(60))).rejects.toMatchObject({ code: "WORKSPACE_QUOTA_EXCEEDED", details: { limitBytes: 100 } });
    await quoted.own.write("a.bin", Buffer.alloc(90));

    expect((await quoted.own.list()).map(({ path, size }) => [path, size])).toEqual([["a.bin", 90]]);
  });

  it("is absent unless configured", async () => {
    const unlimited = createLocalWorkspaces({ root: join(fixture.base, "unlimited"), maxFileBytes: 10 });
    const workspace = await unlimited.create(randomUUID());
    for (let index = 0; index < 20; index += 1) await workspace.write(`f${index}.bin`, Buffer.alloc(10));

    expect(await workspace.list()).toHaveLength(20);
    expect(unlimited.maxFileBytes).toBe(10);
  });
});
