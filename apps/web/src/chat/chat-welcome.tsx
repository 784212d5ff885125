import { useQuery } from "@tanstack/react-query";
import { agentRole } from "../agents/agent-types.js";
import { useCreateSession } from "../sessions/use-create-session.js";
import { useTRPC } from "../trpc/trpc.js";

/** The chat area before a chat is open: the project's agents and a way to start. */
export function ChatWelcome({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const agents = useQuery(trpc.agents.list.queryOptions({ projectId, limit: 100 }));
  const createSession = useCreateSession(projectId);
  return (
    <section className="chat-welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title" className="welcome-title">
        What should your agents work on?
      </h2>
      <p className="welcome-lead">Talk to one agent directly, or pick Auto and the orchestrator plans the work across all of them, asking you first when it is costly.</p>
      <button type="button" className="button button-primary" onClick={() => createSession.mutate({ projectId })} disabled={createSession.isPending}>
        Start a new chat
      </button>
      <ul className="welcome-agents" aria-label="Agents in this project" aria-busy={agents.isPending || undefined}>
        {agents.data?.agents.map((agent) => (
          <li key={agent.id} className="welcome-agent">
            <span className="agent-avatar" aria-hidden="true">
              {agent.name.charAt(0)}
            </span>
            <span className="welcome-agent-text">
              <span className="welcome-agent-name">{agent.name}</span>
              <span className="welcome-agent-role">{agentRole(agent) ?? agent.config.model}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
