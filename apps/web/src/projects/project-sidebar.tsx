import { useQuery } from "@tanstack/react-query";
import { Link } from "../navigation/location.js";
import { projectPath, routePath } from "../navigation/route.js";
import { useTRPC } from "../trpc/trpc.js";
import { ErrorAlert } from "../ui/error-alert.js";
import { projectListInput } from "./project-list-input.js";

function SidebarSkeleton() {
  return (
    <ul className="project-nav" aria-hidden="true">
      {[0, 1, 2].map((row) => (
        <li key={row}>
          <span className="skeleton skeleton-row" />
        </li>
      ))}
    </ul>
  );
}

export function ProjectSidebar({ activeProjectId, creating }: { activeProjectId: string | undefined; creating: boolean }) {
  const trpc = useTRPC();
  const projects = useQuery(trpc.projects.list.queryOptions(projectListInput));

  return (
    <nav id="projects-sidebar" className="sidebar" aria-labelledby="sidebar-title" aria-busy={projects.isPending || undefined}>
      <div className="sidebar-header">
        <h2 id="sidebar-title" className="sidebar-title">
          Projects
          {projects.data && <span className="count">{projects.data.total}</span>}
        </h2>
        <Link
          href={routePath({ name: "new-project" })}
          className="button button-primary button-small"
          aria-current={creating ? "page" : undefined}
        >
          New project
        </Link>
      </div>
      {projects.isPending ? (
        <SidebarSkeleton />
      ) : projects.isError ? (
        <ErrorAlert error={projects.error} onRetry={() => void projects.refetch()} />
      ) : projects.data.projects.length === 0 ? (
        <p className="sidebar-empty">No projects yet.</p>
      ) : (
        <ul className="project-nav">
          {projects.data.projects.map((project) => (
            <li key={project.id}>
              <Link
                href={projectPath(project.id)}
                className="project-nav-link"
                aria-current={project.id === activeProjectId ? "page" : undefined}
              >
                <span className="project-nav-name">{project.name}</span>
                {project.workspacePath && <span className="project-nav-path">{project.workspacePath}</span>}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
