import { Markdown } from "../markdown/markdown.js";
import type { Message } from "./chat-types.js";
import { MessageMeta } from "./message-meta.js";

function AgentAvatar({ name }: { name: string }) {
  return (
    <span className="message-avatar" aria-hidden="true">
      {name.charAt(0) || "A"}
    </span>
  );
}

export function MessageItem({ message, agentName }: { message: Message; agentName: string }) {
  if (message.role === "user") {
    return (
      <article className="message message-user" tabIndex={0} aria-label="You">
        <div className="message-bubble">
          <Markdown source={message.content} />
        </div>
        <MessageMeta message={message} />
      </article>
    );
  }
  const author = message.role === "assistant" ? agentName : message.role === "tool" ? "Tool" : "System";
  return (
    <article className={`message message-${message.role}`} tabIndex={0} aria-label={author}>
      <AgentAvatar name={author} />
      <div className="message-column">
        <header className="message-author">{author}</header>
        <div className="message-bubble">
          <Markdown source={message.content} />
        </div>
        <MessageMeta message={message} />
      </div>
    </article>
  );
}

/** A reply still being written, or one that stopped before it was stored. */
export function LiveMessageItem({ agentName, text, status, error }: { agentName: string; text: string; status: "streaming" | "done" | "failed"; error: string | undefined }) {
  return (
    <article className={`message message-assistant message-live message-${status}`} aria-label={agentName} aria-busy={status === "streaming"}>
      <AgentAvatar name={agentName} />
      <div className="message-column">
        <header className="message-author">
          {agentName}
          {status === "streaming" && <span className="typing">writing…</span>}
        </header>
        <div className={status === "failed" ? "message-bubble message-bubble-failed" : "message-bubble"}>
          {text ? <Markdown source={text} /> : status === "streaming" && <span className="typing-dots" aria-label="Thinking" />}
        </div>
        {status === "failed" && (
          <p className="message-error" role="alert">
            {error ?? "The answer stopped."} The partial answer above was not saved.
          </p>
        )}
      </div>
    </article>
  );
}

export function PendingUserMessage({ content }: { content: string }) {
  return (
    <article className="message message-user message-pending" aria-label="You (sending)">
      <div className="message-bubble">
        <Markdown source={content} />
      </div>
    </article>
  );
}
