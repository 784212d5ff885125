import { execFileSync } from "node:child_process";
import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { diskTree } from "./testing/disk-tree.js";
import { harmlessPaths, hostilePaths } from "./testing/traversal-corpus.js";
import { createWorkspaceFixture, outsideSecret, siblingSecret, type WorkspaceFixture } from "./testing/workspace-fixture.js";

let fixture: WorkspaceFixture;

beforeEach(async () => {
  fixture = await createWorkspaceFixture();
});

afterEach(async () => {
  await fixture[Symbol.asyncDispose]();
});

/** Everything on disk but the workspace under test: what no operation on it may change. */
const everythingElse = () => diskTree(fixture.base, { skip: [`workspaces/${fixture.own.projectId}`] });

describe("the traversal corpus", () => {
  it.each(hostilePaths)("$label is refused by every operation and changes nothing anywhere", async ({ path }) => {
    const { own } = fixture;
    await own.write("kept.txt", Buffer.from("kept"));
    const elsewhere = await everythingElse();
    const inside = await diskTree(own.directory);

    await expect(own.read(path, { maxBytes: 1000 })).rejects.toMatchObject({ code: "INVALID_PATH" });
    await expect(own.write(path, Buffer.from("planted"))).rejects.toMatchObject({ code: "INVALID_PATH" });
    await expect(own.delete(path)).rejects.toMatchObject({ code: "INVALID_PATH" });
    const listed = await own.list(path).then(
      (entries) => entries.map((entry) => entry.path),
      (error: unknown) => error,
    );

    // As a directory, a path naming the root (".", "./././", "") lists this workspace, and "notes/" one that does not exist.
    if (Array.isArray(listed)) expect(listed).toEqual(["kept.txt"]);
    else expect(listed).toMatchObject({ code: path === "notes/" ? "FILE_NOT_FOUND" : "INVALID_PATH" });
    expect(await everythingElse()).toEqual(elsewhere);
    expect(await diskTree(own.directory)).toEqual(inside);
  });

  it.each(harmlessPaths)("$path lands inside the workspace as $normalized", async ({ path, normalized }) => {
    const elsewhere = await everythingElse();

    const entry = await fixture.own.write(path, Buffer.from("inside"));

    expect(entry.path).toBe(normalized);
    expect(await readFile(join(fixture.own.directory, normalized), "utf8")).toBe("inside");
    expect(await everythingElse()).toEqual(elsewhere);
  });
});

describe("symbolic links", () => {
  beforeEach(async () => {
    const directory = fixture.own.directory;
    await symlink("/etc/passwd", join(directory, "passwd"));
    await symlink(join(fixture.outside, "secret.txt"), join(directory, "secret.txt"));
    await symlink(fixture.outside, join(directory, "outside"));
    await symlink(fixture.sibling.directory, join(directory, "sibling"));
    await mkdir(join(directory, "deep"));
    await symlink(fixture.outside, join(directory, "deep", "tunnel"));
    await writeFile(join(directory, "real.txt"), "mine");
  });

  const readAttempts = ["passwd", "secret.txt", "outside/secret.txt", "sibling/notes.txt", "deep/tunnel/secret.txt"];

  it.each(readAttempts)("are not followed when reading %s", async (path) => {
    const refusal = await fixture.own.read(path, { maxBytes: 10_000 }).catch((error: unknown) => error);

    expect(refusal).toMatchObject({ code: "INVALID_PATH", details: { reason: "symbolic_link" } });
  });

  it.each([...readAttempts, "outside/new.txt", "deep/tunnel/new/inner.txt", "sibling/planted.txt"])(
    "are not followed when writing %s",
    async (path) => {
      const elsewhere = await everythingElse();

      await expect(fixture.own.write(path, Buffer.from("planted"))).rejects.toMatchObject({ code: "INVALID_PATH", details: { reason: "symbolic_link" } });

      expect(await everythingElse()).toEqual(elsewhere);
      expect(await readFile(join(fixture.outside, "secret.txt"), "utf8")).toBe(outsideSecret);
      expect(await readFile(join(fixture.sibling.directory, "notes.txt"), "utf8")).toBe(siblingSecret);
    },
  );

  it.each([...readAttempts, "outside", "sibling", "deep/tunnel"])("are not followed, nor removed, when deleting %s", async (path) => {
    const elsewhere = await everythingElse();
    const inside = await diskTree(fixture.own.directory);

    await expect(fixture.own.delete(path)).rejects.toMatchObject({ code: "INVALID_PATH", details: { reason: "symbolic_link" } });

    expect(await everythingElse()).toEqual(elsewhere);
    expect(await diskTree(fixture.own.directory)).toEqual(inside);
  });

  it("are left out of listings and cannot be listed through", async () => {
    expect((await fixture.own.list()).map(({ path }) => path)).toEqual(["deep", "real.txt"]);
    expect(await fixture.own.list("deep")).toEqual([]);
    await expect(fixture.own.list("outside")).rejects.toMatchObject({ code: "INVALID_PATH", details: { reason: "symbolic_link" } });
    await expect(fixture.own.list("sibling")).rejects.toMatchObject({ code: "INVALID_PATH", details: { reason: "symbolic_link" } });
  });

  it("inside a deleted directory are removed themselves, never what they point to", async () => {
    await fixture.own.delete("deep");

    expect((await fixture.own.list()).map(({ path }) => path)).toEqual(["real.txt"]);
    expect(await readFile(join(fixture.outside, "secret.txt"), "utf8")).toBe(outsideSecret);
  });
});

describe("unusual entries on disk", () => {
  it("a FIFO is refused at once, not waited on, and is not listed", async () => {
    const fifo = join(fixture.own.directory, "pipe");
    execFileSync("mkfifo", [fifo]);

    await expect(fixture.own.read("pipe", { maxBytes: 10 })).rejects.toMatchObject({ code: "INVALID_PATH", details: { reason: "not_a_regular_file" } });
    await expect(fixture.own.write("pipe", Buffer.from("x"))).rejects.toMatchObject({ code: "INVALID_PATH", details: { reason: "not_a_regular_file" } });
    expect(await fixture.own.list()).toEqual([]);
  });

  it("names no request could address are not listed", async () => {
    await writeFile(join(fixture.own.directory, "back\\slash.txt"), "x");
    await writeFile(join(fixture.own.directory, "line\nbreak.txt"), "x");
    await writeFile(join(fixture.own.directory, "plain.txt"), "x");

    expect((await fixture.own.list()).map(({ path }) => path)).toEqual(["plain.txt"]);
  });
});
