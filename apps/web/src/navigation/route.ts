import { uuid } from "@codelab/contracts";

/** The sections of a project page; the chat section may have a session open. */
export type ProjectSection = { tab: "chat"; sessionId?: string } | { tab: "agents" } | { tab: "files" } | { tab: "usage" };

export type Route =
  | { name: "projects" }
  | { name: "new-project" }
  | { name: "project"; projectId: string; section: ProjectSection }
  | { name: "not-found" };

const notFound: Route = { name: "not-found" };

const isUuid = (value: string | undefined): value is string => value !== undefined && uuid.safeParse(value).success;

function parseSection(rest: string[]): ProjectSection | undefined {
  const [first, second, ...extra] = rest;
  if (extra.length > 0) return undefined;
  if (first === undefined) return { tab: "chat" };
  if (first === "agents" || first === "files" || first === "usage") return second === undefined ? { tab: first } : undefined;
  if (first === "sessions" && isUuid(second)) return { tab: "chat", sessionId: second };
  return undefined;
}

/** Reads the app's location; a malformed id is simply a page that does not exist. */
export function parseRoute(pathname: string): Route {
  const segments = pathname.split("/").filter(Boolean);
  if (segments.length === 0) return { name: "projects" };
  const [first, second, ...rest] = segments;
  if (first !== "projects") return notFound;
  if (second === undefined) return { name: "projects" };
  if (second === "new") return rest.length === 0 ? { name: "new-project" } : notFound;
  if (!isUuid(second)) return notFound;
  const section = parseSection(rest);
  return section ? { name: "project", projectId: second, section } : notFound;
}

function sectionPath(section: ProjectSection): string {
  switch (section.tab) {
    case "chat":
      return section.sessionId ? `/sessions/${section.sessionId}` : "";
    case "agents":
    case "files":
    case "usage":
      return `/${section.tab}`;
  }
}

export function routePath(route: Route): string {
  switch (route.name) {
    case "projects":
    case "not-found":
      return "/";
    case "new-project":
      return "/projects/new";
    case "project":
      return `/projects/${route.projectId}${sectionPath(route.section)}`;
  }
}

/** The path of one project page, the chat section by default. */
export function projectPath(projectId: string, section: ProjectSection = { tab: "chat" }): string {
  return routePath({ name: "project", projectId, section });
}
