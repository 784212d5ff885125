import { formatDateTime } from "../ui/format-date.js";
import type { Message } from "./chat-types.js";
import { formatCost, formatDuration, formatTokens } from "./format-usage.js";

/** Tokens, cost, model and time of one message: shown on hover and on keyboard focus. */
export function MessageMeta({ message }: { message: Message }) {
  const { metadata } = message;
  const model = typeof metadata.model === "string" ? metadata.model : undefined;
  const latency = typeof metadata.latencyMilliseconds === "number" ? metadata.latencyMilliseconds : undefined;
  const parts: string[] = [];
  if (message.totalTokens !== null) {
    const split = message.promptTokens !== null && message.completionTokens !== null ? ` (${message.promptTokens} in · ${message.completionTokens} out)` : "";
    parts.push(`${formatTokens(message.totalTokens)}${split}`);
  }
  if (message.cost !== null) parts.push(formatCost(message.cost));
  if (model) parts.push(model);
  if (latency !== undefined) parts.push(formatDuration(latency));
  return (
    <footer className="message-meta">
      <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
      {parts.map((part) => (
        <span key={part}>{part}</span>
      ))}
    </footer>
  );
}
