import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { AttachmentList } from "../files/attachment-list.js";
import { Link } from "../navigation/location.js";
import { projectPath } from "../navigation/route.js";
import { PlanCard } from "../plans/plan-card.js";
import { untitledSession } from "../sessions/session-types.js";
import { arrangeToolCalls } from "../tools/arrange-tool-calls.js";
import { attachmentsOf } from "../tools/stored-tool-call.js";
import { toolActivity } from "../tools/tool-activity.js";
import type { ToolCallView } from "../tools/tool-call-types.js";
import { ToolCallList } from "../tools/tool-call-list.js";
import { withWaitingCalls } from "../tools/waiting-approvals.js";
import { errorCode } from "../trpc/error-message.js";
import { useTRPC } from "../trpc/trpc.js";
import { EmptyState } from "../ui/empty-state.js";
import { ErrorAlert } from "../ui/error-alert.js";
import { Spinner } from "../ui/spinner.js";
import type { SessionEvent } from "./chat-types.js";
import { Composer } from "./composer.js";
import { ConnectionIndicator } from "./connection-indicator.js";
import { LiveMessageItem, MessageItem, PendingUserMessage } from "./message-item.js";
import { OfflineBanner } from "./offline-banner.js";
import { isOfflineMessage, isOfflineText } from "./offline-model.js";
import type { Target } from "./target-picker.js";
import { useLiveChat } from "./use-live-chat.js";
import { useLoadOlder } from "./use-load-older.js";
import { useMessageHistory } from "./use-message-history.js";
import { useScrollAnchor } from "./use-scroll-anchor.js";
import { useSendMessage } from "./use-send-message.js";

const noEvents: readonly SessionEvent[] = [];

/** A first message makes a better title than "New chat". */
function topicFrom(content: string): string {
  const firstLine = content.split("\n", 1)[0]?.trim() ?? "";
  return firstLine.length > 60 ? `${firstLine.slice(0, 57)}…` : firstLine;
}

export function ChatView({ projectId, sessionId }: { projectId: string; sessionId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const session = useQuery(trpc.sessions.get.queryOptions({ projectId, sessionId }));
  const agents = useQuery(trpc.agents.list.queryOptions({ projectId, limit: 100 }));
  const { history, messages } = useMessageHistory(projectId, sessionId);
  const { send, stop, sent } = useSendMessage(sessionId);
  const live = useLiveChat({ projectId, sessionId, sending: sent !== undefined });
  const [target, setTarget] = useState<Target>(undefined);
  // Approvals requested before this page subscribed are not replayed by the stream. Never served
  // from cache: a call decided since would come back as still waiting.
  const waitingCalls = useQuery({
    ...trpc.toolCalls.list.queryOptions({ projectId, sessionId, status: "awaiting_approval", limit: 20 }),
    staleTime: 0,
    gcTime: 0,
  });
  const rename = useMutation(
    trpc.sessions.update.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.sessions.pathFilter()) }),
  );

  const storedIds = new Set(messages.map((message) => message.id));
  const replies = live.replies.filter((reply) => !storedIds.has(reply.messageId));
  const toolCalls = arrangeToolCalls(
    messages,
    withWaitingCalls(live.toolCalls, waitingCalls.data?.toolCalls ?? []),
    new Set(replies.map((reply) => reply.messageId)),
  );
  const { scroller, stickToBottom } = useScrollAnchor({
    firstKey: messages[0]?.id,
    contentKey: `${messages.length}:${sent?.content ?? ""}:${live.revision}`,
  });
  const sentinel = useLoadOlder(scroller, {
    enabled: history.hasPreviousPage && !history.isFetchingPreviousPage,
    load: () => void history.fetchPreviousPage(),
  });

  if (session.isError && errorCode(session.error) === "SESSION_NOT_FOUND") {
    return <EmptyState title="Chat not found">It may have been deleted. Pick another chat or start a new one.</EmptyState>;
  }

  const agentList = agents.data?.agents ?? [];
  const agentNames = new Map(agentList.map((agent) => [agent.id, agent.name]));
  const nameOf = (agentId: string | null, metadata: Record<string, unknown>) =>
    typeof metadata.agentName === "string" ? metadata.agentName : ((agentId && agentNames.get(agentId)) ?? "Orchestrator");
  const offline = messages.some(isOfflineMessage) || replies.some((reply) => isOfflineText(reply.text));
  const isEmpty = history.isSuccess && messages.length === 0 && !sent && replies.length === 0;

  const onSend = (content: string) => {
    stickToBottom();
    live.clearEnded();
    if (session.data && session.data.topic === null && messages.length === 0) {
      rename.mutate({ projectId, sessionId, topic: topicFrom(content) });
    }
    send({ projectId, sessionId, content, ...(target ? { targetAgent: target } : {}) });
  };

  const toolList = (calls: readonly ToolCallView[] | undefined) =>
    calls && calls.length > 0 ? <ToolCallList projectId={projectId} calls={calls} onDecided={live.recordDecision} /> : undefined;

  const onStop = () => {
    stop();
    live.markStopped();
  };

  return (
    <section className="chat" aria-labelledby="chat-title">
      <header className="chat-header">
        <Link href={projectPath(projectId)} className="button button-ghost button-small chat-back">
          ← Chats
        </Link>
        <h2 id="chat-title" className="chat-title">
          {session.data?.topic ?? untitledSession}
        </h2>
        <ConnectionIndicator state={live.connection} />
      </header>
      {offline && <OfflineBanner />}
      <div ref={scroller} className="chat-scroller" role="log" aria-label="Messages" tabIndex={0}>
        <div className="chat-thread">
          {history.hasPreviousPage && (
            <div ref={sentinel} className="history-loader">
              {history.isFetchingPreviousPage ? (
                <span className="muted">
                  <Spinner size="small" /> Loading earlier messages…
                </span>
              ) : (
                <button type="button" className="button button-small button-ghost" onClick={() => void history.fetchPreviousPage()}>
                  Load earlier messages
                </button>
              )}
            </div>
          )}
          {history.isPending && (
            <div aria-busy="true" aria-label="Loading messages" className="thread-skeleton">
              <span className="skeleton skeleton-bubble" />
              <span className="skeleton skeleton-bubble skeleton-bubble-right" />
              <span className="skeleton skeleton-bubble" />
            </div>
          )}
          {history.isError && <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />}
          {isEmpty && (
            <div className="thread-empty">
              <h3>Start the conversation</h3>
              <p>
                Pick an agent to talk to it directly, or leave <strong>Auto</strong> on and the orchestrator will split the work into a plan across your agents.
              </p>
            </div>
          )}
          {messages.map((message) => {
            if (toolCalls.shownInAnswer.has(message.id)) return null;
            const inPlace = toolCalls.inPlace.get(message.id);
            if (inPlace) {
              return (
                <div key={message.id} className="thread-tools">
                  {toolList([inPlace])}
                </div>
              );
            }
            return (
              <Fragment key={message.id}>
                <MessageItem
                  message={message}
                  agentName={nameOf(message.agentId, message.metadata)}
                  tools={toolList(toolCalls.storedByAnswer.get(message.id))}
                  attachments={message.role === "assistant" && <AttachmentList projectId={projectId} attachments={attachmentsOf(message.metadata)} />}
                />
                {message.role === "user" && message.planId !== null && (
                  <PlanCard projectId={projectId} planId={message.planId} events={live.planEvents.get(message.planId) ?? noEvents} />
                )}
              </Fragment>
            );
          })}
          {sent && <PendingUserMessage content={sent.content} />}
          {sent && sent.targetAgent === undefined && <LiveMessageItem agentName="Orchestrator" text="" status="streaming" error={undefined} />}
          {replies.map((reply) => {
            const calls = toolCalls.liveByReply.get(reply.messageId) ?? [];
            return (
              <LiveMessageItem
                key={reply.messageId}
                agentName={reply.agentName || nameOf(reply.agentId, {})}
                text={reply.text}
                status={reply.status}
                error={reply.error}
                activity={toolActivity(calls)}
                tools={toolList(calls)}
                attachments={<AttachmentList projectId={projectId} attachments={calls.flatMap((call) => call.attachments)} />}
              />
            );
          })}
          {[...toolCalls.liveByUnseenReply].map(([messageId, calls]) => (
            <LiveMessageItem
              key={messageId}
              agentName={nameOf(calls[0]?.agentId ?? null, {})}
              text=""
              status="streaming"
              error={undefined}
              activity={toolActivity(calls) ?? "working…"}
              tools={toolList(calls)}
            />
          ))}
          {toolCalls.liveUnattached.length > 0 && <div className="thread-tools">{toolList(toolCalls.liveUnattached)}</div>}
        </div>
      </div>
      <Composer agents={agentList} target={target} onTargetChange={setTarget} sending={sent !== undefined} onSend={onSend} onStop={onStop} />
    </section>
  );
}
