import type { Message } from "./chat-types.js";

/** How the server's built-in offline model opens every reply (see the core's offline notice). */
const offlinePrefix = "[offline model]";

export function isOfflineText(text: string): boolean {
  return text.trimStart().startsWith(offlinePrefix);
}

export function isOfflineMessage(message: Message): boolean {
  return message.role === "assistant" && (message.metadata.provider === "offline" || isOfflineText(message.content));
}
