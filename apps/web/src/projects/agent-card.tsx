import type { RouterOutputs } from "@codelab/sdk";

type Agent = RouterOutputs["agents"]["list"]["agents"][number];

const statusLabels: Record<Agent["status"], string> = {
  READY: "Ready",
  BUSY: "Busy",
  ERROR: "Error",
  DISABLED: "Disabled",
};

export function AgentCard({ agent }: { agent: Agent }) {
  const { config } = agent;
  const role = typeof config.metadata.role === "string" ? config.metadata.role : undefined;
  return (
    <article className="agent-card" aria-labelledby={`agent-${agent.id}`}>
      <header className="agent-card-header">
        <span className="agent-avatar" aria-hidden="true">
          {agent.name.charAt(0)}
        </span>
        <div className="agent-heading">
          <h3 id={`agent-${agent.id}`} className="agent-name">
            {agent.name}
          </h3>
          <p className="agent-subtitle">
            {role && <span className="agent-role">{role}</span>}
            <span className={`status status-${agent.status.toLowerCase()}`}>{statusLabels[agent.status]}</span>
          </p>
        </div>
      </header>
      {config.systemPrompt && <p className="agent-prompt">{config.systemPrompt}</p>}
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
      </dl>
      {config.tools.length > 0 && (
        <ul className="chips" aria-label="Tools">
          {config.tools.map((tool) => (
            <li key={tool} className="chip">
              {tool}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
