import type { EventOfType, SessionEvent } from "./chat-types.js";

/** An answer as it streams in, before (or instead of) the stored message. */
export interface LiveReply {
  messageId: string;
  agentId: string;
  agentName: string;
  text: string;
  status: "streaming" | "done" | "failed";
  error: string | undefined;
}

type MessageEvent = EventOfType<"message-start" | "message-delta" | "message-end" | "message-fail">;

const isMessageEvent = (event: SessionEvent): event is MessageEvent => event.type.startsWith("message-");

/**
 * Folds one message event into the replies on screen. A delta for a reply whose start was missed
 * (the page subscribed mid-answer) opens it; events for other kinds of work leave the list as it is.
 */
export function applyMessageEvent(replies: readonly LiveReply[], event: SessionEvent): readonly LiveReply[] {
  if (!isMessageEvent(event)) return replies;
  const update = (messageId: string, change: (reply: LiveReply) => LiveReply, open: () => LiveReply) => {
    const index = replies.findIndex((reply) => reply.messageId === messageId);
    if (index === -1) return [...replies, change(open())];
    return replies.map((reply, position) => (position === index ? change(reply) : reply));
  };
  switch (event.type) {
    case "message-start": {
      const { messageId, agentId, agentName } = event.payload;
      return update(messageId, (reply) => ({ ...reply, agentName }), () => ({ messageId, agentId, agentName, text: "", status: "streaming", error: undefined }));
    }
    case "message-delta": {
      const { messageId, agentId, text } = event.payload;
      return update(
        messageId,
        (reply) => ({ ...reply, text: reply.text + text }),
        () => ({ messageId, agentId, agentName: "", text: "", status: "streaming", error: undefined }),
      );
    }
    case "message-end": {
      const { messageId, agentId, agentName, content } = event.payload;
      return update(
        messageId,
        (reply) => ({ ...reply, agentName, text: content, status: "done" }),
        () => ({ messageId, agentId, agentName, text: content, status: "done", error: undefined }),
      );
    }
    case "message-fail": {
      const { messageId, agentId, agentName, error } = event.payload;
      return update(
        messageId,
        (reply) => ({ ...reply, status: "failed", error: error.message }),
        () => ({ messageId, agentId, agentName, text: "", status: "failed", error: error.message }),
      );
    }
  }
}
