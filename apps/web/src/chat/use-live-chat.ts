import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { forgetWorkspaceFiles } from "../files/use-workspace-file.js";
import { applyToolDecision, applyToolEvent } from "../tools/apply-tool-event.js";
import type { ApprovalDecision, ToolCallView } from "../tools/tool-call-types.js";
import { useTRPC } from "../trpc/trpc.js";
import type { SessionEvent } from "./chat-types.js";
import { applyMessageEvent, type LiveReply } from "./live-replies.js";
import { useHistoryKey } from "./use-message-history.js";
import { useSessionEvents, type ConnectionState } from "./use-session-events.js";

export interface LiveChat {
  connection: ConnectionState;
  /** Direct answers as they stream. */
  replies: readonly LiveReply[];
  /** Tool calls seen on the stream, in the order they started. */
  toolCalls: readonly ToolCallView[];
  /** Every plan and task event received, per plan, for the plan cards to fold in. */
  planEvents: ReadonlyMap<string, readonly SessionEvent[]>;
  /** Rises with every event, so the view knows the thread grew. */
  revision: number;
  /** Before a new send: answers that ended stay only until their stored copy is shown. */
  clearEnded(): void;
  /** After Stop: what was written so far stays, marked as not saved. */
  markStopped(): void;
  /** The server accepted the user's answer to an approval: show it before its event comes back. */
  recordDecision: (call: ToolCallView, decision: ApprovalDecision) => void;
}

/** What the session's live events add to the stored history, and the history refreshes they call for. */
export function useLiveChat({ projectId, sessionId, sending }: { projectId: string; sessionId: string; sending: boolean }): LiveChat {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const historyKey = useHistoryKey(sessionId);
  const [replies, setReplies] = useState<readonly LiveReply[]>([]);
  const [toolCalls, setToolCalls] = useState<readonly ToolCallView[]>([]);
  const [planEvents, setPlanEvents] = useState<ReadonlyMap<string, readonly SessionEvent[]>>(new Map());
  const [revision, setRevision] = useState(0);
  const refreshHistory = () => void queryClient.invalidateQueries({ queryKey: historyKey });

  const connection = useSessionEvents({
    projectId,
    sessionId,
    onEvent: (event) => {
      setRevision((current) => current + 1);
      setReplies((current) => applyMessageEvent(current, event));
      setToolCalls((current) => applyToolEvent(current, event));
      const { planId } = event;
      if (planId !== null) setPlanEvents((current) => new Map(current).set(planId, [...(current.get(planId) ?? []), event]));
      // Work started elsewhere (another tab) is fetched once stored; our own send refetches when it returns.
      if ((event.type === "message-end" || event.type === "plan-create") && !sending) refreshHistory();
      if (event.type === "tool-end" && event.payload.attachments.length > 0) {
        // A tool wrote files: a chart of the same name is fetched afresh, and the Files panel lists them.
        void forgetWorkspaceFiles(queryClient, projectId, event.payload.attachments.map((attachment) => attachment.path));
        void queryClient.invalidateQueries(trpc.files.list.pathFilter());
      }
      if (event.type === "plan-end") {
        refreshHistory();
        void queryClient.invalidateQueries(trpc.plans.get.queryFilter({ projectId, planId: event.payload.planId }));
      }
    },
    onResync: () => {
      setReplies([]);
      setToolCalls([]);
      setPlanEvents(new Map());
      refreshHistory();
      void queryClient.invalidateQueries(trpc.plans.pathFilter());
      void queryClient.invalidateQueries(trpc.toolCalls.pathFilter());
    },
  });

  return {
    connection,
    replies,
    toolCalls,
    planEvents,
    revision,
    clearEnded: () => setReplies((current) => current.filter((reply) => reply.status === "streaming")),
    markStopped: () =>
      setReplies((current) => current.map((reply) => (reply.status === "streaming" ? { ...reply, status: "failed", error: "Stopped." } : reply))),
    recordDecision: (call, decision) => setToolCalls((current) => applyToolDecision(current, call, decision)),
  };
}
