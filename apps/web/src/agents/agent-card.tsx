import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc/trpc.js";
import { agentRole, agentStatusLabels, type Agent } from "./agent-types.js";

export interface AgentCardActions {
  onEdit: () => void;
  onDelete: () => void;
  onMemories: () => void;
}

function MemoryCount({ projectId, agentId }: { projectId: string; agentId: string }) {
  const trpc = useTRPC();
  const memories = useQuery(trpc.agents.memories.list.queryOptions({ projectId, agentId, limit: 1, offset: 0 }));
  if (!memories.data) return <span className="muted">…</span>;
  const { total } = memories.data;
  return <>{total === 1 ? "1 memory" : `${total.toLocaleString()} memories`}</>;
}

export function AgentCard({ projectId, agent, onEdit, onDelete, onMemories }: { projectId: string; agent: Agent } & AgentCardActions) {
  const { config } = agent;
  const role = agentRole(agent);
  const headingId = `agent-${agent.id}`;
  return (
    <article className="agent-card" aria-labelledby={headingId}>
      <header className="agent-card-header">
        <span className="agent-avatar" aria-hidden="true">
          {agent.name.charAt(0)}
        </span>
        <div className="agent-heading">
          <h3 id={headingId} className="agent-name">
            {agent.name}
          </h3>
          <p className="agent-subtitle">
            {role && <span className="agent-role">{role}</span>}
            <span className={`status status-${agent.status.toLowerCase()}`}>{agentStatusLabels[agent.status]}</span>
          </p>
        </div>
      </header>
      {config.systemPrompt ? <p className="agent-prompt">{config.systemPrompt}</p> : <p className="agent-prompt muted">No system prompt.</p>}
      <dl className="agent-facts">
        <div>
          <dt>Model</dt>
          <dd className="mono">{config.model}</dd>
        </div>
        <div>
          <dt>Temperature</dt>
          <dd>{config.temperature}</dd>
        </div>
        <div>
          <dt>Max tokens</dt>
          <dd>{config.maxTokens.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Memory</dt>
          <dd>
            <MemoryCount projectId={projectId} agentId={agent.id} />
          </dd>
        </div>
      </dl>
      {config.tools.length > 0 ? (
        <ul className="chips" aria-label={`${agent.name}'s tools`}>
          {config.tools.map((tool) => (
            <li key={tool} className="chip">
              {tool}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted agent-no-tools">No tools</p>
      )}
      <footer className="agent-actions">
        <button type="button" className="button button-small" onClick={onEdit} aria-label={`Edit ${agent.name}`}>
          Edit
        </button>
        <button type="button" className="button button-small" onClick={onMemories} aria-label={`${agent.name}'s memory`}>
          Memory
        </button>
        <button type="button" className="button button-small button-ghost button-danger-text" onClick={onDelete} aria-label={`Delete ${agent.name}`}>
          Delete
        </button>
      </footer>
    </article>
  );
}
