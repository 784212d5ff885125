import { useState } from "react";
import type { SignedInUser } from "../auth/session.js";
import { AppHeader } from "../layout/app-header.js";
import { Link, usePathname } from "../navigation/location.js";
import { parseRoute, type Route } from "../navigation/route.js";
import { EmptyState } from "../ui/empty-state.js";
import { NewProjectPanel } from "./new-project-panel.js";
import { ProjectSidebar } from "./project-sidebar.js";
import { ProjectView } from "./project-view.js";
import { ProjectsHome } from "./projects-home.js";

function RouteContent({ route }: { route: Route }) {
  switch (route.name) {
    case "projects":
      return <ProjectsHome />;
    case "new-project":
      return <NewProjectPanel />;
    case "project":
      // Keyed so switching projects starts from a clean view instead of the previous one's state.
      return <ProjectView key={route.projectId} projectId={route.projectId} section={route.section} />;
    case "not-found":
      return (
        <EmptyState
          title="Page not found"
          action={
            <Link href="/" className="button">
              Back to projects
            </Link>
          }
        >
          There is nothing at this address.
        </EmptyState>
      );
  }
}

export function Workspace({ user }: { user: SignedInUser }) {
  const pathname = usePathname();
  const route = parseRoute(pathname);
  // On phones the projects list is a menu: it closes as soon as the user goes somewhere.
  const [projectsOpenAt, setProjectsOpenAt] = useState<string | undefined>();
  const projectsOpen = projectsOpenAt === pathname;
  return (
    <div className="app-shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <AppHeader user={user} projectsOpen={projectsOpen} onToggleProjects={() => setProjectsOpenAt(projectsOpen ? undefined : pathname)} />
      <div className={projectsOpen ? "workspace sidebar-open" : "workspace"}>
        <ProjectSidebar
          activeProjectId={route.name === "project" ? route.projectId : undefined}
          creating={route.name === "new-project"}
        />
        <main id="main" className="workspace-main" tabIndex={-1}>
          <RouteContent route={route} />
        </main>
      </div>
    </div>
  );
}
