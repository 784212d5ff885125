import { randomUUID } from "node:crypto";
import { chmod, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBubblewrapSandbox } from "../sandbox/bubblewrap-sandbox.js";
import type { Sandbox } from "../sandbox/sandbox.js";
import { createLocalWorkspaces } from "../workspace/create-local-workspaces.js";
import type { ProjectWorkspace } from "../workspace/project-workspace.js";
import { maxStderrChars, maxStdoutChars } from "./code-execution/describe-run.js";
import { createCodeExecutorTool } from "./code-executor.js";
import { createPythonExecTool } from "./python-exec.js";
import type { Tool, ToolContext } from "./tool.js";

// The tools over a real bubblewrap sandbox and a real local workspace: what the model reads back,
// and what lands in the project's files.

let base: string;
let runs: string;
let workspace: ProjectWorkspace;
let sandbox: Sandbox;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), "codelab-code-tools-"));
  // Bubblewrap runs as the unprivileged sandbox user and must reach its run directories.
  await chmod(base, 0o711);
  runs = join(base, "runs");
  await mkdir(runs, { mode: 0o711 });
  const workspaces = createLocalWorkspaces({ root: join(base, "workspaces"), maxFileBytes: 2_000 });
  workspace = await workspaces.create(randomUUID());
  sandbox = createBubblewrapSandbox({ temporaryDirectory: runs, limits: { cpuSeconds: 1, wallTimeMilliseconds: 5_000 } });
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

function context(signal = new AbortController().signal): ToolContext {
  return { userId: randomUUID(), projectId: workspace.projectId, agentId: randomUUID(), workspace, signal };
}

const read = async (path: string) => (await workspace.read(path, { maxBytes: 10_000 })).content.toString("utf8");

describe("code_executor and python_exec", () => {
  it("are dangerous tools under their registered names", () => {
    const tools: Tool[] = [createCodeExecutorTool({ sandbox }), createPythonExecTool({ sandbox })];

    expect(tools.map(({ name, risk }) => [name, risk])).toEqual([
      ["code_executor", "dangerous"],
      ["python_exec", "dangerous"],
    ]);
  });

  it("validate their input: a known language and some code", () => {
    const { inputSchema } = createCodeExecutorTool({ sandbox });

    expect(inputSchema.safeParse({ language: "python", code: "print(1)" }).success).toBe(true);
    expect(inputSchema.safeParse({ language: "ruby", code: "puts 1" }).success).toBe(false);
    expect(inputSchema.safeParse({ language: "python", code: "" }).success).toBe(false);
    expect(createPythonExecTool({ sandbox }).inputSchema.safeParse({ code: "print(1)", language: "python" }).success).toBe(false);
  });

  it("python_exec reads the workspace, saves what it writes there and shows its images", async () => {
    await workspace.write("sales.csv", Buffer.from("month,total\njan,3\nfeb,4\n"));
    const tool = createPythonExecTool({ sandbox });

    const result = await tool.run(
      {
        code: `
import csv, os
rows = list(csv.DictReader(open("sales.csv")))
total = sum(int(row["total"]) for row in rows)
os.makedirs("charts")
open("charts/total.svg", "w").write(f'<svg xmlns="http://www.w3.org/2000/svg"><text>{total}</text></svg>')
open("summary.txt", "w").write(f"total {total}\\n")
print("total", total)
`,
      },
      context(),
    );

    expect(result.isError).toBe(false);
    expect(result.content).toMatch(/^The program finished \(exit code 0\) after \d+ ms\.\nstdout:\ntotal 7\nstderr: \(empty\)\n/);
    expect(result.content).toContain("Files saved to the workspace: charts/total.svg (");
    expect(result.attachments).toEqual([{ path: "charts/total.svg", mediaType: "image/svg+xml" }]);
    expect(await read("summary.txt")).toBe("total 7\n");
    expect(await read("charts/total.svg")).toContain("<text>7</text>");
  });

  it("code_executor runs JavaScript and shows the PNG it writes", async () => {
    const tool = createCodeExecutorTool({ sandbox });

    const result = await tool.run(
      { language: "javascript", code: `require("node:fs").writeFileSync("plot.png", Buffer.from([0x89, 0x50, 0x4e, 0x47])); console.log("drawn");` },
      context(),
    );

    expect(result).toMatchObject({ isError: false, attachments: [{ path: "plot.png", mediaType: "image/png" }] });
    expect(result.content).toContain("stdout:\ndrawn\n");
    expect((await workspace.read("plot.png", { maxBytes: 10 })).content).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  });

  it("report a failing program as an error the model can fix, with the end of its traceback", async () => {
    const result = await createCodeExecutorTool({ sandbox }).run({ language: "python", code: "print('before')\n1 / 0" }, context());

    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/^The program failed \(exit code 1\)/);
    expect(result.content).toContain("stdout:\nbefore\n");
    expect(result.content).toMatch(/ZeroDivisionError: division by zero$/);
  });

  it("report a limit in words, as an error", async () => {
    const result = await createPythonExecTool({ sandbox }).run({ code: "while True:\n    pass" }, context());

    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/^The program was stopped: it used up its CPU-time limit \(exit code 152\)/);
  });

  it("cut long output before the model reads it, keeping the end of stderr, and say so", async () => {
    const result = await createPythonExecTool({ sandbox }).run(
      { code: "import sys\nprint('x' * 50_000)\nprint('y' * 50_000, file=sys.stderr)\nprint('the last line', file=sys.stderr)" },
      context(),
    );

    expect(result.isError).toBe(false);
    expect(result.content).toMatch(/stdout:\nx+\n… \[truncated: \d+ more characters\]\nstderr:\n\[truncated: \d+ earlier characters\] …\ny+\nthe last line$/);
    expect(result.content.length).toBeLessThan(maxStdoutChars + maxStderrChars + 200);
  });

  it("name the files the workspace refused and keep the ones it took", async () => {
    const result = await createPythonExecTool({ sandbox }).run({ code: "open('big.bin', 'wb').write(b'x' * 5000)\nopen('small.txt', 'w').write('ok')" }, context());

    expect(result.isError).toBe(false);
    expect(result.content).toContain("Files saved to the workspace: small.txt (2 bytes)");
    expect(result.content).toContain("Files not saved: big.bin (The file is larger than the 2000-byte limit)");
    expect((await workspace.list()).map(({ path }) => path)).toEqual(["small.txt"]);
  });

  it("save nothing from a cancelled run", async () => {
    const result = await createPythonExecTool({ sandbox }).run({ code: "open('made.txt', 'w').write('x')" }, context(AbortSignal.abort()));

    expect(result).toMatchObject({ isError: true, content: expect.stringMatching(/^The run was cancelled/) });
    expect(await workspace.list()).toEqual([]);
  });

  it("say plainly that code cannot run when the sandbox is missing, and run nothing", async () => {
    const missing = createBubblewrapSandbox({ bubblewrapPath: "/nonexistent/bwrap", temporaryDirectory: runs });

    const result = await createCodeExecutorTool({ sandbox: missing }).run({ language: "python", code: "open('made.txt', 'w').write('x')" }, context());

    expect(result).toEqual({
      content: "Code execution is unavailable on this server: bubblewrap is not installed (no /nonexistent/bwrap). Tell the user; retrying will not help.",
      isError: true,
    });
    expect(await workspace.list()).toEqual([]);
    expect(await readdir(runs)).toEqual([]);
  });
});
