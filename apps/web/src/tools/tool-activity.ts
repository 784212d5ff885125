import type { ToolCallView } from "./tool-call-types.js";

/** What a reply is doing while its tools work, for the line beside the agent's name; undefined when they are done. */
export function toolActivity(calls: readonly ToolCallView[]): string | undefined {
  if (calls.some((call) => call.phase === "awaiting_approval")) return "waiting for your approval…";
  const running = calls.filter((call) => call.phase === "running" || call.phase === "approved");
  if (running.length === 0) return undefined;
  return running.length === 1 ? `running ${running[0]!.toolName}…` : `running ${running.length} tools…`;
}
