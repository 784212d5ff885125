import { uuid } from "@codelab/contracts";

export type Route =
  | { name: "projects" }
  | { name: "new-project" }
  | { name: "project"; projectId: string }
  | { name: "not-found" };

/** Reads the app's location; a malformed project id is simply a page that does not exist. */
export function parseRoute(pathname: string): Route {
  const segments = pathname.split("/").filter(Boolean);
  if (segments.length === 0) return { name: "projects" };
  if (segments[0] !== "projects" || segments.length > 2) return { name: "not-found" };
  const [, second] = segments;
  if (second === undefined) return { name: "projects" };
  if (second === "new") return { name: "new-project" };
  return uuid.safeParse(second).success ? { name: "project", projectId: second } : { name: "not-found" };
}

export function routePath(route: Route): string {
  switch (route.name) {
    case "projects":
    case "not-found":
      return "/";
    case "new-project":
      return "/projects/new";
    case "project":
      return `/projects/${route.projectId}`;
  }
}
