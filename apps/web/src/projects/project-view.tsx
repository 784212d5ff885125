import { useQuery } from "@tanstack/react-query";
import { AgentsPanel } from "../agents/agents-panel.js";
import { ChatSection } from "../chat/chat-section.js";
import { FilesPanel } from "../files/files-panel.js";
import { Link } from "../navigation/location.js";
import type { ProjectSection } from "../navigation/route.js";
import { errorCode } from "../trpc/error-message.js";
import { useTRPC } from "../trpc/trpc.js";
import { UsageSection } from "../usage/usage-section.js";
import { EmptyState } from "../ui/empty-state.js";
import { ErrorAlert } from "../ui/error-alert.js";
import { ProjectHeader } from "./project-header.js";
import { ProjectTabs } from "./project-tabs.js";

function SectionContent({ projectId, section }: { projectId: string; section: ProjectSection }) {
  switch (section.tab) {
    case "chat":
      return <ChatSection projectId={projectId} sessionId={section.sessionId} />;
    case "agents":
      return <AgentsPanel projectId={projectId} />;
    case "files":
      return <FilesPanel projectId={projectId} />;
    case "usage":
      return <UsageSection projectId={projectId} />;
  }
}

export function ProjectView({ projectId, section }: { projectId: string; section: ProjectSection }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));

  if (project.isPending) {
    return (
      <div className="project-view" aria-busy="true" aria-label="Loading project">
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

  return (
    <article className={`project-view project-view-${section.tab}`}>
      <ProjectHeader project={project.data} />
      <ProjectTabs projectId={projectId} current={section.tab} />
      <SectionContent projectId={projectId} section={section} />
    </article>
  );
}
