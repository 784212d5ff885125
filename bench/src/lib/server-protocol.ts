/** What every benchmark server child is started with (as JSON in its first argument). */
export interface BenchServerOptions {
  databaseUrl: string;
  redisUrl: string;
  redisKeyPrefix: string;
  jwtSecret: string;
}

/** Sent by a child over IPC once it accepts connections. */
export interface ServerReadyMessage {
  type: "ready";
  url: string;
}

/** Sent by the bench to ask a child to close and exit (an orderly exit lets `--cpu-prof` write its profile). */
export interface StopServerMessage {
  type: "stop";
}

/** Asks a child for the CPU time it has used so far, answered by `CpuUsageMessage`. */
export interface CpuUsageRequestMessage {
  type: "cpu-usage-request";
}

export interface CpuUsageMessage {
  type: "cpu-usage";
  /** User plus system time of the whole child process. */
  microseconds: number;
}

export function isMessageOfType<Message extends { type: string }>(value: unknown, type: Message["type"]): value is Message {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === type;
}
