import { useQuery } from "@tanstack/react-query";
import { Link } from "../navigation/location.js";
import { errorCode } from "../trpc/error-message.js";
import { useTRPC } from "../trpc/trpc.js";
import { EmptyState } from "../ui/empty-state.js";
import { ErrorAlert } from "../ui/error-alert.js";
import { formatDate } from "../ui/format-date.js";
import { AgentList } from "./agent-list.js";

export function ProjectView({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));

  if (project.isPending) {
    return (
      <div aria-busy="true" aria-label="Loading project">
        <span className="skeleton skeleton-title" />
        <span className="skeleton skeleton-row" />
      </div>
    );
  }
  if (project.isError) {
    // Another user's project answers exactly like a missing one, and so does this page.
    return errorCode(project.error) === "PROJECT_NOT_FOUND" ? (
      <EmptyState
        title="Project not found"
        action={
          <Link href="/" className="button">
            Back to projects
          </Link>
        }
      >
        It may have been deleted, or the link is wrong.
      </EmptyState>
    ) : (
      <ErrorAlert error={project.error} onRetry={() => void project.refetch()} />
    );
  }

  const { name, workspacePath, createdAt } = project.data;
  return (
    <article className="project-view">
      <header className="page-header">
        <h1 className="page-title">{name}</h1>
        <p className="page-meta">
          {workspacePath ? <code className="path">{workspacePath}</code> : <span>No workspace folder</span>}
          <span>Created {formatDate(createdAt)}</span>
        </p>
      </header>
      <section aria-labelledby="agents-title" className="section">
        <div className="section-header">
          <h2 id="agents-title" className="section-title">
            Agents
          </h2>
          <p className="section-lead">Every project starts with these three; chat with them one at a time or let the orchestrator plan.</p>
        </div>
        <AgentList projectId={projectId} />
      </section>
    </article>
  );
}
