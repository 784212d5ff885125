import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM (graceful) or SIGKILL (crash); resolves when the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const mainFile = fileURLToPath(new URL("../main.ts", import.meta.url));
const startupTimeoutMs = 60_000;

/**
 * Runs `src/main.ts` as a real child process, as `npm start` would, and waits for its banner.
 * For what only a separate process can show: restarts, crashes, several instances. Unless `env`
 * names a `WORKSPACE_ROOT`, the process gets a fresh temporary one, removed when it is stopped.
 */
export async function spawnServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(DATABASE_URL|REDIS_URL|QDRANT_URL|OPENAI_|JWT_SECRET_KEY|CODELAB_|WORKSPACE_|PORT$)/.test(key)),
  );
  const ownWorkspaceRoot = env.WORKSPACE_ROOT === undefined ? await mkdtemp(join(tmpdir(), "codelab-workspaces-")) : undefined;
  const removeOwnWorkspaceRoot = async () => {
    if (ownWorkspaceRoot) await rm(ownWorkspaceRoot, { recursive: true, force: true });
  };
  const child = spawn(process.execPath, ["--import", "tsx", mainFile], {
    env: { ...inherited, LOG_LEVEL: "warn", ...(ownWorkspaceRoot ? { WORKSPACE_ROOT: ownWorkspaceRoot } : {}), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));

  const banner = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), startupTimeoutMs);
    const onData = () => {
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        resolve(match[1]);
      }
    };
    child.stdout.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before starting:\n${output}`));
    });
  });
  let url: string;
  try {
    url = await banner;
  } catch (error) {
    await removeOwnWorkspaceRoot();
    throw error;
  }

  return {
    url,
    child,
    output: () => output,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, "exit");
        child.kill(signal);
        await exited;
      }
      await removeOwnWorkspaceRoot();
    },
  };
}
