import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc/trpc.js";
import { ErrorAlert } from "../ui/error-alert.js";
import { AgentCard } from "./agent-card.js";
import type { Agent } from "./agent-types.js";
import { CreateAgentDialog } from "./create-agent-dialog.js";
import { DeleteAgentDialog } from "./delete-agent-dialog.js";
import { EditAgentDialog } from "./edit-agent-dialog.js";
import { MemoryDialog } from "./memory-dialog.js";

type OpenDialog = { kind: "create" } | { kind: "edit" | "delete" | "memories"; agent: Agent } | undefined;

function AgentDialog({ projectId, dialog, onClose }: { projectId: string; dialog: OpenDialog; onClose: () => void }) {
  switch (dialog?.kind) {
    case undefined:
      return null;
    case "create":
      return <CreateAgentDialog projectId={projectId} onClose={onClose} />;
    case "edit":
      return <EditAgentDialog projectId={projectId} agent={dialog.agent} onClose={onClose} />;
    case "delete":
      return <DeleteAgentDialog projectId={projectId} agent={dialog.agent} onClose={onClose} />;
    case "memories":
      return <MemoryDialog projectId={projectId} agent={dialog.agent} onClose={onClose} />;
  }
}

export function AgentsPanel({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const agents = useQuery(trpc.agents.list.queryOptions({ projectId, limit: 100 }));
  const [dialog, setDialog] = useState<OpenDialog>();

  return (
    <section aria-labelledby="agents-title" className="section">
      <div className="section-header section-header-actions">
        <div>
          <h2 id="agents-title" className="section-title">
            Agents
            {agents.data && <span className="count">{agents.data.total}</span>}
          </h2>
          <p className="section-lead">Chat with one directly, or pick Auto and let the orchestrator plan the work across them.</p>
        </div>
        <button type="button" className="button button-primary" onClick={() => setDialog({ kind: "create" })}>
          New agent
        </button>
      </div>
      {agents.isPending ? (
        <div className="agent-grid" aria-busy="true" aria-label="Loading agents">
          {[0, 1, 2].map((card) => (
            <span key={card} className="skeleton skeleton-card" />
          ))}
        </div>
      ) : agents.isError ? (
        <ErrorAlert error={agents.error} onRetry={() => void agents.refetch()} />
      ) : agents.data.agents.length === 0 ? (
        <div className="empty-panel">
          <p>This project has no agents. Create one to start chatting.</p>
        </div>
      ) : (
        <div className="agent-grid">
          {agents.data.agents.map((agent) => (
            <AgentCard
              key={agent.id}
              projectId={projectId}
              agent={agent}
              onEdit={() => setDialog({ kind: "edit", agent })}
              onDelete={() => setDialog({ kind: "delete", agent })}
              onMemories={() => setDialog({ kind: "memories", agent })}
            />
          ))}
        </div>
      )}
      <AgentDialog projectId={projectId} dialog={dialog} onClose={() => setDialog(undefined)} />
    </section>
  );
}
