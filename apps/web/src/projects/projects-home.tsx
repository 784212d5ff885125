import { useQuery } from "@tanstack/react-query";
import { Link } from "../navigation/location.js";
import { routePath } from "../navigation/route.js";
import { useTRPC } from "../trpc/trpc.js";
import { EmptyState } from "../ui/empty-state.js";
import { PageLoader } from "../ui/page-loader.js";
import { NewProjectPanel } from "./new-project-panel.js";
import { projectListInput } from "./project-list-input.js";

/** With no projects yet the form is the whole page; otherwise the user picks one from the sidebar. */
export function ProjectsHome() {
  const trpc = useTRPC();
  const projects = useQuery(trpc.projects.list.queryOptions(projectListInput));

  if (projects.isPending) return <PageLoader label="Loading projects…" />;
  // The sidebar shows the error and a retry button; repeating it here would only add noise.
  if (projects.isError) return null;
  if (projects.data.total === 0) return <NewProjectPanel firstProject />;
  return (
    <EmptyState
      title="Choose a project"
      action={
        <Link href={routePath({ name: "new-project" })} className="button button-primary">
          New project
        </Link>
      }
    >
      Pick a project to chat with its agents, or start a new one.
    </EmptyState>
  );
}
