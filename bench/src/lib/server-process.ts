import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import {
  isMessageOfType,
  type BenchServerOptions,
  type ControlReplyMessage,
  type ControlRequestMessage,
  type CpuUsageMessage,
  type CpuUsageRequestMessage,
  type ServerReadyMessage,
  type StopServerMessage,
} from "./server-protocol.js";

const readyTimeoutMs = 60_000;
const stopTimeoutMs = 10_000;
// Resolved here rather than by the child, so the bench works from any working directory.
const tsxLoader = import.meta.resolve("tsx");

export interface ServerProcess {
  name: string;
  url: string;
  /** CPU time the process has used so far; differences around a load run give its cost per request. */
  cpuTimeMicroseconds(): Promise<number>;
  /** Sends a control request to the child (see `StartedServer.control`) and resolves with its answer. */
  control(body: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

export interface StartServerProcessOptions {
  /** Used in messages and as the name of its CPU profile directory. */
  name: string;
  /** Absolute path of a module that calls `runServerChild`. */
  entry: string;
  options: BenchServerOptions;
  /** When set, the child runs under `--cpu-prof` and writes its profiles into `<directory>/<name>/` on stop. */
  cpuProfileDirectory: string | undefined;
  environment: NodeJS.ProcessEnv;
}

function waitForReady(child: ChildProcess, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not report ready within ${readyTimeoutMs} ms`)), readyTimeoutMs);
    const onMessage = (message: unknown) => {
      if (!isMessageOfType<ServerReadyMessage>(message, "ready")) return;
      cleanUp();
      resolve(message.url);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(new Error(`${name} exited before it was ready (code ${code}, signal ${signal})`));
    const cleanUp = () => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    const fail = (error: Error) => {
      cleanUp();
      child.kill("SIGKILL");
      reject(error);
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

function requestCpuTime(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (!isMessageOfType<CpuUsageMessage>(message, "cpu-usage")) return;
      child.off("exit", onExit);
      child.off("message", onMessage);
      resolve(message.microseconds);
    };
    const onExit = () => {
      child.off("message", onMessage);
      reject(new Error("the server exited while asked for its CPU time"));
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
    child.send({ type: "cpu-usage-request" } satisfies CpuUsageRequestMessage);
  });
}

let controlRequests = 0;

function requestControl(child: ChildProcess, body: unknown): Promise<unknown> {
  const id = ++controlRequests;
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (!isMessageOfType<ControlReplyMessage>(message, "control-reply") || message.id !== id) return;
      child.off("exit", onExit);
      child.off("message", onMessage);
      if (message.error === undefined) resolve(message.body);
      else reject(new Error(message.error));
    };
    const onExit = () => {
      child.off("message", onMessage);
      reject(new Error("the server exited during a control request"));
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
    child.send({ type: "control-request", id, body } satisfies ControlRequestMessage);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    // A child that will not close in time is killed: a benchmark must never leave servers behind.
    const timer = setTimeout(() => child.kill("SIGKILL"), stopTimeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.send({ type: "stop" } satisfies StopServerMessage);
    else child.kill("SIGTERM");
  });
}

/** Runs a server in its own Node process (TypeScript through tsx), so load and server never share a core's event loop. */
export async function startServerProcess({ name, entry, options, cpuProfileDirectory, environment }: StartServerProcessOptions): Promise<ServerProcess> {
  // A directory per server rather than a file name: tsx's loader thread writes a profile of its own.
  const profileArguments = cpuProfileDirectory ? ["--cpu-prof", `--cpu-prof-dir=${join(cpuProfileDirectory, name)}`] : [];
  const child = fork(entry, [JSON.stringify(options)], {
    execArgv: ["--import", tsxLoader, ...profileArguments],
    env: environment,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const url = await waitForReady(child, name);
  return {
    name,
    url,
    cpuTimeMicroseconds: () => requestCpuTime(child),
    control: (body) => requestControl(child, body),
    stop: () => stopChild(child),
  };
}
