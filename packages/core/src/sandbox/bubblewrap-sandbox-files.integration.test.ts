import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isSandboxUnavailable } from "./sandbox-errors.js";
import type { SandboxResult } from "./sandbox.js";
import { createBubblewrapSandbox } from "./bubblewrap-sandbox.js";
import { createSandboxFixture, type SandboxFixture } from "./testing/sandbox-fixture.js";

let fixture: SandboxFixture;
let outside: string;

beforeEach(async () => {
  fixture = await createSandboxFixture({ limits: { inputBytes: 4_096, outputFiles: 3, wallTimeMilliseconds: 8_000 } });
  outside = await mkdtemp(join(tmpdir(), "codelab-sandbox-outside-"));
  await writeFile(join(outside, "secret.txt"), "outside secret\n");
});

afterEach(async () => {
  await fixture?.[Symbol.asyncDispose]();
  await rm(outside, { recursive: true, force: true });
});

const workspaceFile = (path: string) => join(fixture.workspaceDirectory, path);
const returned = (result: SandboxResult) => result.outputFiles.map(({ path, content }) => [path, content.toString("utf8")]);

describe("the bubblewrap sandbox's files", () => {
  it("returns the files a run created or changed, and only those, leaving the real workspace as it was", async () => {
    await mkdir(workspaceFile("notes"));
    await writeFile(workspaceFile("data.csv"), "x,y\n1,2\n3,4\n");
    await writeFile(workspaceFile("notes/todo.md"), "- sum\n");
    await writeFile(workspaceFile("untouched.txt"), "same\n");

    const result = await fixture.run(
      "python",
      `
import csv, os
rows = list(csv.DictReader(open("data.csv")))
os.makedirs("out/deep", exist_ok=True)
open("out/deep/sum.txt", "w").write(str(sum(int(row["y"]) for row in rows)))
open("notes/todo.md", "a").write("- done\\n")
open("untouched.txt").read()
print(len(rows), "rows")
`,
    );

    expect(result).toMatchObject({ outcome: "completed", exitCode: 0, stdout: "2 rows\n" });
    expect(returned(result)).toEqual([
      ["notes/todo.md", "- sum\n- done\n"],
      ["out/deep/sum.txt", "6"],
    ]);
    expect(await readFile(workspaceFile("notes/todo.md"), "utf8")).toBe("- sum\n");
    expect(existsSync(workspaceFile("out"))).toBe(false);
  });

  it("returns files written by JavaScript too, binary content intact", async () => {
    const result = await fixture.run("javascript", `require("node:fs").writeFileSync("chart.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]));`);

    expect(result.outputFiles).toEqual([{ path: "chart.png", content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]) }]);
  });

  it("does not follow links planted in the workspace into the copy", async () => {
    await writeFile(workspaceFile("real.txt"), "inside\n");
    await symlink(join(outside, "secret.txt"), workspaceFile("secret-link.txt"));
    await symlink(outside, workspaceFile("outside-directory"));
    await symlink("../..", workspaceFile("up"));

    const result = await fixture.run(
      "python",
      `
import os
for root, directories, files in os.walk(".", followlinks=True):
    for name in files:
        print(os.path.join(root, name), open(os.path.join(root, name)).read().strip())
print("links:", [name for name in os.listdir(".") if os.path.islink(name)])
`,
    );

    expect(result.stdout).toBe("./real.txt inside\nlinks: []\n");
    expect(result.stdout).not.toContain("outside secret");
  });

  it("hands back no link, FIFO or other special file the code made, and reads nothing through them", async () => {
    const result = await fixture.run(
      "python",
      `
import os
os.symlink(${JSON.stringify(join(outside, "secret.txt"))}, "stolen.txt")
os.symlink("/proc/self/environ", "environ.txt")
os.symlink("/", "root-directory")
os.mkfifo("pipe")
open("plain.txt", "w").write("plain")
print("made them")
`,
    );

    expect(result).toMatchObject({ outcome: "completed", stdout: "made them\n" });
    expect(returned(result)).toEqual([["plain.txt", "plain"]]);
    expect(await fixture.leftovers()).toEqual([]);
  });

  it("skips workspace files beyond the input limit and says which", async () => {
    await writeFile(workspaceFile("a-first.txt"), "a".repeat(3_000));
    await writeFile(workspaceFile("b-too-big.txt"), "b".repeat(3_000));
    await writeFile(workspaceFile("c-small.txt"), "c".repeat(100));

    const result = await fixture.run("python", `import os\nprint(sorted(os.listdir(".")))`);

    expect(result.stdout).toBe("['a-first.txt', 'c-small.txt']\n");
    expect(result.skippedInputFiles).toEqual(["b-too-big.txt"]);
  });

  it("hands back at most the output file limit and lists the rest as skipped", async () => {
    const result = await fixture.run("javascript", `for (const name of ["1", "2", "3", "4", "5"]) require("node:fs").writeFileSync(name + ".txt", name);`);

    expect(result.outputFiles.map(({ path }) => path)).toEqual(["1.txt", "2.txt", "3.txt"]);
    expect(result.skippedOutputFiles).toEqual(["4.txt", "5.txt"]);
  });

  it("removes the run directory whatever the code left in it", async () => {
    await fixture.run(
      "python",
      `
import os
path = "deep"
for level in range(60):
    path = os.path.join(path, "d")
os.makedirs(path)
os.symlink("/", os.path.join(path, "root"))
open(b"name-\\xff-not-utf8", "w").write("x")
os.makedirs("readonly/inner")
open("readonly/inner/file", "w").write("x")
os.chmod("readonly/inner", 0o500)
os.chmod("readonly", 0o500)
`,
    );

    expect(await fixture.leftovers()).toEqual([]);
  });

  it("runs nothing and says why when bubblewrap is missing", async () => {
    const marker = join(outside, "ran-unsandboxed");
    const sandbox = createBubblewrapSandbox({ bubblewrapPath: "/nonexistent/bwrap", temporaryDirectory: fixture.temporaryDirectory });

    expect(await sandbox.available()).toBe(false);
    const running = sandbox.run({ language: "python", code: `open(${JSON.stringify(marker)}, "w").write("x")`, workspaceDirectory: fixture.workspaceDirectory });
    await expect(running).rejects.toSatisfy(isSandboxUnavailable);
    await expect(running).rejects.toThrow(/bubblewrap is not installed/);
    expect(existsSync(marker)).toBe(false);
    expect(await fixture.leftovers()).toEqual([]);
  });

  it("says which interpreter is missing", async () => {
    const sandbox = createBubblewrapSandbox({ interpreters: { javascript: "/nonexistent/node" }, temporaryDirectory: fixture.temporaryDirectory });

    await expect(sandbox.run({ language: "javascript", code: "1", workspaceDirectory: fixture.workspaceDirectory })).rejects.toThrow(
      /javascript interpreter is not installed \(no \/nonexistent\/node\)/,
    );
  });
});
