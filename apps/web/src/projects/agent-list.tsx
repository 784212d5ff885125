import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc/trpc.js";
import { ErrorAlert } from "../ui/error-alert.js";
import { AgentCard } from "./agent-card.js";

export function AgentList({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const agents = useQuery(trpc.agents.list.queryOptions({ projectId }));

  if (agents.isPending) {
    return (
      <div className="agent-grid" aria-busy="true" aria-label="Loading agents">
        {[0, 1, 2].map((card) => (
          <span key={card} className="skeleton skeleton-card" />
        ))}
      </div>
    );
  }
  if (agents.isError) return <ErrorAlert error={agents.error} onRetry={() => void agents.refetch()} />;
  if (agents.data.agents.length === 0) {
    return <p className="empty-inline">This project has no agents.</p>;
  }
  return (
    <div className="agent-grid">
      {agents.data.agents.map((agent) => (
        <AgentCard key={agent.id} agent={agent} />
      ))}
    </div>
  );
}
