import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxLanguage } from "./sandbox.js";
import { createSandboxFixture, type SandboxFixture } from "./testing/sandbox-fixture.js";

// Every attempt prints "ESCAPED ..." when it gets through and "BLOCKED ..." when it does not, so a
// sandbox that leaks fails the test with the evidence in the output.

const canaryName = "CODELAB_SANDBOX_CANARY";
const canaryValue = `canary-${randomUUID()}`;
const serverSourceFile = import.meta.filename;
const hostTemporaryFile = `/tmp/codelab-escape-${randomUUID()}`;

let fixture: SandboxFixture;

beforeAll(async () => {
  // Secrets the server's environment holds: none may reach the code.
  process.env[canaryName] = canaryValue;
  process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/secret";
  fixture = await createSandboxFixture();
  await writeFile(join(fixture.workspaceDirectory, "data.csv"), "original\n");
});

afterAll(async () => {
  delete process.env[canaryName];
  await fixture?.[Symbol.asyncDispose]();
});

function canReach(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

interface Attempt {
  name: string;
  python: string;
  javascript: string;
}

const pythonTry = (body: string) => `
try:
${body
  .trim()
  .split("\n")
  .map((line) => `    ${line}`)
  .join("\n")}
except Exception as error:
    print("BLOCKED", type(error).__name__, error)
`;

const javascriptTry = (body: string) => `
const report = (escaped, detail) => console.log((escaped ? "ESCAPED " : "BLOCKED ") + detail);
try {
${body.trim()}
} catch (error) {
  report(false, error.code ?? error.message);
}
`;

const javascriptConnect = (options: string) =>
  javascriptTry(`
const socket = require("node:net").connect({ ...${options}, timeout: 3000 });
socket.on("connect", () => { report(true, "connected"); socket.destroy(); });
socket.on("error", (error) => report(false, error.code));
socket.on("timeout", () => { report(false, "timeout"); socket.destroy(); });
`);

const attempts: Attempt[] = [
  {
    name: "reads the server's environment variables",
    python: pythonTry(`
import os
leaked = [name for name, value in os.environ.items() if name in ("${canaryName}", "DATABASE_URL") or "${canaryValue}" in value]
print("ESCAPED" if leaked else "BLOCKED", sorted(os.environ))
`),
    javascript: javascriptTry(`
const leaked = Object.entries(process.env).filter(([name, value]) => name === "${canaryName}" || name === "DATABASE_URL" || value.includes("${canaryValue}"));
report(leaked.length > 0, Object.keys(process.env).sort().join(","));
`),
  },
  {
    name: "reads any process's environment through /proc",
    python: pythonTry(`
import os
found = []
for pid in [entry for entry in os.listdir("/proc") if entry.isdigit()]:
    try:
        if b"${canaryValue}" in open(f"/proc/{pid}/environ", "rb").read():
            found.append(pid)
    except OSError:
        pass
print("ESCAPED" if found else "BLOCKED", found)
`),
    javascript: javascriptTry(`
const fs = require("node:fs");
const found = fs.readdirSync("/proc").filter((entry) => /^\\d+$/.test(entry)).filter((pid) => {
  try { return fs.readFileSync("/proc/" + pid + "/environ", "latin1").includes("${canaryValue}"); } catch { return false; }
});
report(found.length > 0, found.join(","));
`),
  },
  {
    name: "reads /etc/passwd",
    python: pythonTry(`print("ESCAPED", open("/etc/passwd").read()[:40])`),
    javascript: javascriptTry(`report(true, require("node:fs").readFileSync("/etc/passwd", "utf8").slice(0, 40));`),
  },
  {
    name: "lists /root",
    python: pythonTry(`import os\nprint("ESCAPED", os.listdir("/root"))`),
    javascript: javascriptTry(`report(true, require("node:fs").readdirSync("/root").join(","));`),
  },
  {
    name: "reads the server's source tree",
    python: pythonTry(`print("ESCAPED", open(${JSON.stringify(serverSourceFile)}).read()[:40])`),
    javascript: javascriptTry(`report(true, require("node:fs").readFileSync(${JSON.stringify(serverSourceFile)}, "utf8").slice(0, 40));`),
  },
  {
    name: "reads the real workspace directory by its host path",
    python: pythonTry(`import os\nprint("ESCAPED", os.listdir(WORKSPACE))`),
    javascript: javascriptTry(`report(true, require("node:fs").readdirSync(WORKSPACE).join(","));`),
  },
  {
    name: "opens a TCP socket to PostgreSQL on 127.0.0.1:5432",
    python: pythonTry(`import socket\nsocket.create_connection(("127.0.0.1", 5432), timeout=3)\nprint("ESCAPED connected")`),
    javascript: javascriptConnect(`{ host: "127.0.0.1", port: 5432 }`),
  },
  {
    name: "opens a TCP socket to Redis on 127.0.0.1:6379",
    python: pythonTry(`import socket\nsocket.create_connection(("127.0.0.1", 6379), timeout=3)\nprint("ESCAPED connected")`),
    javascript: javascriptConnect(`{ host: "127.0.0.1", port: 6379 }`),
  },
  {
    name: "opens PostgreSQL's Unix socket",
    python: pythonTry(
      `import socket\nclient = socket.socket(socket.AF_UNIX)\nclient.connect("/var/run/postgresql/.s.PGSQL.5432")\nprint("ESCAPED connected")`,
    ),
    javascript: javascriptConnect(`{ path: "/var/run/postgresql/.s.PGSQL.5432" }`),
  },
  {
    name: "opens a TCP socket to an outside address",
    python: pythonTry(`import socket\nsocket.create_connection(("1.1.1.1", 443), timeout=3)\nprint("ESCAPED connected")`),
    javascript: javascriptConnect(`{ host: "1.1.1.1", port: 443 }`),
  },
  {
    name: "resolves a host name",
    python: pythonTry(`import socket\nprint("ESCAPED", socket.getaddrinfo("example.com", 443))`),
    javascript: javascriptTry(`require("node:dns").lookup("example.com", (error, address) => report(!error, error ? error.code : address));`),
  },
  {
    name: "writes to /usr",
    python: pythonTry(`open("/usr/escape.txt", "w").write("x")\nprint("ESCAPED wrote /usr/escape.txt")`),
    javascript: javascriptTry(`require("node:fs").writeFileSync("/usr/escape.txt", "x"); report(true, "wrote /usr/escape.txt");`),
  },
  {
    name: "writes to the file system root",
    python: pythonTry(`open("/escape.txt", "w").write("x")\nprint("ESCAPED wrote /escape.txt")`),
    javascript: javascriptTry(`require("node:fs").writeFileSync("/escape.txt", "x"); report(true, "wrote /escape.txt");`),
  },
  {
    name: "writes to /etc",
    python: pythonTry(`import os\nos.makedirs("/etc", exist_ok=True)\nopen("/etc/escape.txt", "w").write("x")\nprint("ESCAPED wrote /etc/escape.txt")`),
    javascript: javascriptTry(
      `const fs = require("node:fs"); fs.mkdirSync("/etc", { recursive: true }); fs.writeFileSync("/etc/escape.txt", "x"); report(true, "wrote /etc/escape.txt");`,
    ),
  },
  {
    name: "sees or signals the server's process",
    python: pythonTry(`import os\nos.kill(SERVER_PID, 0)\nprint("ESCAPED the server's pid answers")`),
    javascript: javascriptTry(`process.kill(SERVER_PID, 0); report(true, "the server's pid answers");`),
  },
  {
    name: "creates a user namespace of its own (to reach kernel code unprivileged users cannot)",
    python: pythonTry(`
import subprocess
finished = subprocess.run(["unshare", "--user", "--map-root-user", "id", "-u"], capture_output=True, text=True)
print("ESCAPED" if finished.returncode == 0 else "BLOCKED", finished.stdout.strip(), finished.stderr.strip())
`),
    javascript: javascriptTry(`
const finished = require("node:child_process").spawnSync("unshare", ["--user", "--map-root-user", "id", "-u"], { encoding: "utf8" });
report(finished.status === 0, (finished.stdout + finished.stderr).trim());
`),
  },
  {
    name: "becomes root",
    python: pythonTry(`import os\nos.setuid(0)\nprint("ESCAPED uid", os.getuid())`),
    javascript: javascriptTry(`process.setuid(0); report(true, "uid " + process.getuid());`),
  },
  {
    name: "mounts a file system",
    python: pythonTry(`
import subprocess
finished = subprocess.run(["mount", "-t", "tmpfs", "tmpfs", "/tmp"], capture_output=True, text=True)
print("ESCAPED" if finished.returncode == 0 else "BLOCKED", finished.stderr.strip())
`),
    javascript: javascriptTry(`
const finished = require("node:child_process").spawnSync("mount", ["-t", "tmpfs", "tmpfs", "/tmp"], { encoding: "utf8" });
report(finished.status === 0, finished.stderr.trim());
`),
  },
];

const program = (attempt: Attempt, language: SandboxLanguage) =>
  attempt[language].replaceAll("WORKSPACE", JSON.stringify(fixture.workspaceDirectory)).replaceAll("SERVER_PID", String(process.pid));

describe("the bubblewrap sandbox's isolation", () => {
  it("has what the escapes aim at on the host: the canary, /etc/passwd, /root, the source, PostgreSQL and Redis", async () => {
    expect(process.env[canaryName]).toBe(canaryValue);
    expect(existsSync("/etc/passwd") && existsSync("/root") && existsSync(serverSourceFile)).toBe(true);
    expect(existsSync("/var/run/postgresql/.s.PGSQL.5432")).toBe(true);
    expect(await canReach(5432)).toBe(true);
    expect(await canReach(6379)).toBe(true);
    expect(await fixture.sandbox.available()).toBe(true);
  });

  for (const language of ["python", "javascript"] as const) {
    describe(language, () => {
      it.each(attempts)("blocks code that $name", async (attempt) => {
        const result = await fixture.run(language, program(attempt, language));

        expect(result.stdout).not.toContain("ESCAPED");
        expect(result.stdout).toContain("BLOCKED");
        expect(result.stdout + result.stderr).not.toContain(canaryValue);
        expect(result.outcome).toBe("completed");
      });

      it("keeps /tmp private and leaves the real workspace untouched", async () => {
        const code =
          language === "python"
            ? `open(${JSON.stringify(hostTemporaryFile)}, "w").write("x")\nopen("data.csv", "w").write("changed in the sandbox\\n")\nprint("wrote both")`
            : `const fs = require("node:fs"); fs.writeFileSync(${JSON.stringify(hostTemporaryFile)}, "x"); fs.writeFileSync("data.csv", "changed in the sandbox\\n"); console.log("wrote both");`;

        const result = await fixture.run(language, code);

        expect(result.stdout).toContain("wrote both");
        expect(existsSync(hostTemporaryFile)).toBe(false);
        expect(await readFile(join(fixture.workspaceDirectory, "data.csv"), "utf8")).toBe("original\n");
        expect(result.outputFiles.map(({ path, content }) => [path, content.toString("utf8")])).toEqual([["data.csv", "changed in the sandbox\n"]]);
      });
    });
  }

  it("leaves no run directory behind", async () => {
    expect(await fixture.leftovers()).toEqual([]);
  });
});
