/** What every benchmark server child is started with (as JSON in its first argument). */
export interface BenchServerOptions {
  databaseUrl: string;
  redisUrl: string;
  redisKeyPrefix: string;
  jwtSecret: string;
  /** More configuration variables for servers that read CodeLab's configuration (e.g. the model provider). */
  settings?: Record<string, string>;
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

/**
 * Asks a child to do something only the bench needs (publish events inside the server, say);
 * answered by `ControlReplyMessage` with the same id. Children that take none answer with an error.
 */
export interface ControlRequestMessage {
  type: "control-request";
  id: number;
  body: unknown;
}

export interface ControlReplyMessage {
  type: "control-reply";
  id: number;
  body?: unknown;
  error?: string;
}

export function isMessageOfType<Message extends { type: string }>(value: unknown, type: Message["type"]): value is Message {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === type;
}
