import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "../navigation/location.js";
import { projectPath } from "../navigation/route.js";
import { useTRPC } from "../trpc/trpc.js";
import { ErrorAlert } from "../ui/error-alert.js";
import { formatDate } from "../ui/format-date.js";
import { DeleteSessionDialog } from "./delete-session-dialog.js";
import { RenameSessionDialog } from "./rename-session-dialog.js";
import { sessionListInput, sessionTitle, type ChatSession } from "./session-types.js";
import { useCreateSession } from "./use-create-session.js";

type OpenDialog = { kind: "rename" | "delete"; session: ChatSession } | undefined;

export function SessionList({ projectId, activeSessionId }: { projectId: string; activeSessionId: string | undefined }) {
  const trpc = useTRPC();
  const sessions = useQuery(trpc.sessions.list.queryOptions(sessionListInput(projectId)));
  const createSession = useCreateSession(projectId);
  const [dialog, setDialog] = useState<OpenDialog>();

  return (
    <nav className="session-list" aria-labelledby="sessions-title">
      <div className="session-list-header">
        <h2 id="sessions-title" className="sidebar-title">
          Chats
          {sessions.data && <span className="count">{sessions.data.total}</span>}
        </h2>
        <button
          type="button"
          className="button button-primary button-small"
          onClick={() => createSession.mutate({ projectId })}
          disabled={createSession.isPending}
        >
          New chat
        </button>
      </div>
      {sessions.isPending ? (
        <div aria-busy="true" aria-label="Loading chats">
          <span className="skeleton skeleton-row" />
          <span className="skeleton skeleton-row" />
        </div>
      ) : sessions.isError ? (
        <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : sessions.data.sessions.length === 0 ? (
        <p className="sidebar-empty">No chats yet.</p>
      ) : (
        <ul className="session-nav">
          {sessions.data.sessions.map((session) => (
            <li key={session.id} className="session-row">
              <Link
                href={projectPath(projectId, { tab: "chat", sessionId: session.id })}
                className="session-link"
                aria-current={session.id === activeSessionId ? "page" : undefined}
              >
                <span className="session-title">{sessionTitle(session)}</span>
                <span className="session-date">{formatDate(session.createdAt)}</span>
              </Link>
              <span className="session-actions">
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Rename ${sessionTitle(session)}`}
                  title="Rename"
                  onClick={() => setDialog({ kind: "rename", session })}
                >
                  <svg viewBox="0 0 16 16" aria-hidden="true">
                    <path d="M11.5 2.5l2 2L6 12H4v-2z" />
                  </svg>
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Delete ${sessionTitle(session)}`}
                  title="Delete"
                  onClick={() => setDialog({ kind: "delete", session })}
                >
                  <svg viewBox="0 0 16 16" aria-hidden="true">
                    <path d="M3 4.5h10M6.5 4.5V3h3v1.5M5 4.5l.6 8.5h4.8l.6-8.5" />
                  </svg>
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {dialog?.kind === "rename" && <RenameSessionDialog projectId={projectId} session={dialog.session} onClose={() => setDialog(undefined)} />}
      {dialog?.kind === "delete" && (
        <DeleteSessionDialog
          projectId={projectId}
          session={dialog.session}
          isOpen={dialog.session.id === activeSessionId}
          onClose={() => setDialog(undefined)}
        />
      )}
    </nav>
  );
}
