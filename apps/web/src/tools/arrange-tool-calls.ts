import type { Message } from "../chat/chat-types.js";
import { toolCallFromMessage } from "./stored-tool-call.js";
import type { ToolCallView } from "./tool-call-types.js";

/** Where each tool call of a conversation is drawn. */
export interface ArrangedToolCalls {
  /** Stored calls inside the stored answer they led to, by that answer's message id. */
  storedByAnswer: ReadonlyMap<string, readonly ToolCallView[]>;
  /** The `tool` messages drawn inside their answer, so not where they sit. */
  shownInAnswer: ReadonlySet<string>;
  /** Stored calls drawn where their `tool` message sits: their answer is not on screen (a plan task's call, a failed answer, an earlier page). */
  inPlace: ReadonlyMap<string, ToolCallView>;
  /** Calls seen live and not stored yet, inside the live reply they belong to, by its message id. */
  liveByReply: ReadonlyMap<string, readonly ToolCallView[]>;
  /** Calls seen live for a direct answer this page never saw start (sent from another tab), by that answer's id. */
  liveByUnseenReply: ReadonlyMap<string, readonly ToolCallView[]>;
  /** Calls seen live that belong to no answer (a plan task's). */
  liveUnattached: readonly ToolCallView[];
}

function push<Key, Value>(map: Map<Key, Value[]>, key: Key, value: Value): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Puts each call with the answer it belongs to, the way the live reply showed it, and drops a live
 * call once its stored copy is loaded, so a call never shows twice however the fetch and the stream race.
 */
export function arrangeToolCalls(messages: readonly Message[], liveCalls: readonly ToolCallView[], liveReplyIds: ReadonlySet<string>): ArrangedToolCalls {
  const answerIds = new Set(messages.filter((message) => message.role === "assistant").map((message) => message.id));
  const storedByAnswer = new Map<string, ToolCallView[]>();
  const inPlace = new Map<string, ToolCallView>();
  const shownInAnswer = new Set<string>();
  const storedIds = new Set<string>();
  for (const message of messages) {
    const call = toolCallFromMessage(message);
    if (!call) continue;
    storedIds.add(call.toolCallId);
    if (call.messageId !== null && answerIds.has(call.messageId)) {
      push(storedByAnswer, call.messageId, call);
      shownInAnswer.add(message.id);
    } else inPlace.set(message.id, call);
  }
  const liveByReply = new Map<string, ToolCallView[]>();
  const liveByUnseenReply = new Map<string, ToolCallView[]>();
  const liveUnattached: ToolCallView[] = [];
  for (const call of liveCalls) {
    if (storedIds.has(call.toolCallId)) continue;
    if (call.messageId === null) liveUnattached.push(call);
    else push(liveReplyIds.has(call.messageId) ? liveByReply : liveByUnseenReply, call.messageId, call);
  }
  return { storedByAnswer, shownInAnswer, inPlace, liveByReply, liveByUnseenReply, liveUnattached };
}
