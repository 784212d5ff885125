import type { ConnectionState } from "./use-session-events.js";

const labels: Record<ConnectionState, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
};

/** Says whether answers will appear as they are written; announced politely when it changes. */
export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  return (
    <span className={`connection connection-${state}`} role="status" title="Live updates for this chat">
      <span className="connection-dot" aria-hidden="true" />
      {labels[state]}
    </span>
  );
}
