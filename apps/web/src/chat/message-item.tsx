import type { ReactNode } from "react";
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

/** What an answer's tools add around its text: the calls above it, the files they made below it. */
export interface AnswerExtras {
  tools?: ReactNode;
  attachments?: ReactNode;
}

export function MessageItem({ message, agentName, tools, attachments }: { message: Message; agentName: string } & AnswerExtras) {
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
        {tools}
        {message.content !== "" && (
          <div className="message-bubble">
            <Markdown source={message.content} />
          </div>
        )}
        {attachments}
        <MessageMeta message={message} />
      </div>
    </article>
  );
}

interface LiveMessageProps extends AnswerExtras {
  agentName: string;
  text: string;
  status: "streaming" | "done" | "failed";
  error: string | undefined;
  /** What the agent is doing while no text comes (running a tool, waiting for approval); "writing…" by default. */
  activity?: string | undefined;
}

/** A reply still being written, or one that stopped before it was stored. */
export function LiveMessageItem({ agentName, text, status, error, activity, tools, attachments }: LiveMessageProps) {
  const waiting = activity !== undefined && text === "";
  return (
    <article className={`message message-assistant message-live message-${status}`} aria-label={agentName} aria-busy={status === "streaming"}>
      <AgentAvatar name={agentName} />
      <div className="message-column">
        <header className="message-author">
          {agentName}
          {status === "streaming" && <span className="typing">{activity ?? "writing…"}</span>}
        </header>
        {tools}
        {!(waiting && status === "streaming") && (
          <div className={status === "failed" ? "message-bubble message-bubble-failed" : "message-bubble"}>
            {text ? <Markdown source={text} /> : status === "streaming" && <span className="typing-dots" aria-label="Thinking" />}
          </div>
        )}
        {attachments}
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
