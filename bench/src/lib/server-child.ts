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

export interface StartedServer {
  url: string;
  close(): Promise<void>;
  /** Handles the bench's control requests (see `ServerProcess.control`). */
  control?(body: unknown): Promise<unknown>;
}

/**
 * The child side of `startServerProcess`: starts the server, reports its URL and, on request, its
 * CPU time; closes it when the bench asks or goes away (so no server outlives an interrupted run).
 */
export async function runServerChild(start: (options: BenchServerOptions) => Promise<StartedServer>): Promise<void> {
  const [serializedOptions] = process.argv.slice(2);
  if (!serializedOptions || !process.send) throw new Error("A bench server must be started by the bench (fork with IPC and options).");
  const server = await start(JSON.parse(serializedOptions) as BenchServerOptions);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("bench server failed to close", error);
        process.exit(1);
      },
    );
  };
  process.on("message", (message) => {
    if (isMessageOfType<StopServerMessage>(message, "stop")) stop();
    if (isMessageOfType<ControlRequestMessage>(message, "control-request")) {
      const reply = (fields: Omit<ControlReplyMessage, "type" | "id">) =>
        process.send?.({ type: "control-reply", id: message.id, ...fields } satisfies ControlReplyMessage);
      if (!server.control) reply({ error: "this server takes no control requests" });
      else server.control(message.body).then((body) => reply({ body }), (error: unknown) => reply({ error: String(error) }));
    }
    if (isMessageOfType<CpuUsageRequestMessage>(message, "cpu-usage-request")) {
      const { user, system } = process.cpuUsage();
      process.send?.({ type: "cpu-usage", microseconds: user + system } satisfies CpuUsageMessage);
    }
  });
  process.on("disconnect", stop);
  // Ctrl-C reaches the whole process group; the bench decides when its servers stop (and profiles get written).
  process.on("SIGINT", () => undefined);
  process.send({ type: "ready", url: server.url } satisfies ServerReadyMessage);
}
