import { describe, expect, it } from "vitest";
import { parseRoute, routePath, type Route } from "./route.js";

const projectId = "0f8fad5b-d9cb-469f-a165-70867728950e";
const sessionId = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

describe("parseRoute", () => {
  it("reads the project list, the new-project form and a project", () => {
    expect(parseRoute("/")).toEqual({ name: "projects" });
    expect(parseRoute("/projects/")).toEqual({ name: "projects" });
    expect(parseRoute("/projects/new")).toEqual({ name: "new-project" });
    expect(parseRoute(`/projects/${projectId}`)).toEqual({ name: "project", projectId, section: { tab: "chat" } });
  });

  it("reads a project's sections and an open chat session", () => {
    expect(parseRoute(`/projects/${projectId}/agents`)).toEqual({ name: "project", projectId, section: { tab: "agents" } });
    expect(parseRoute(`/projects/${projectId}/usage/`)).toEqual({ name: "project", projectId, section: { tab: "usage" } });
    expect(parseRoute(`/projects/${projectId}/files`)).toEqual({ name: "project", projectId, section: { tab: "files" } });
    expect(parseRoute(`/projects/${projectId}/sessions/${sessionId}`)).toEqual({
      name: "project",
      projectId,
      section: { tab: "chat", sessionId },
    });
  });

  it("treats a malformed id or an unknown path as not found", () => {
    expect(parseRoute("/projects/123")).toEqual({ name: "not-found" });
    expect(parseRoute(`/projects/${projectId}/extra`)).toEqual({ name: "not-found" });
    expect(parseRoute(`/projects/${projectId}/sessions/123`)).toEqual({ name: "not-found" });
    expect(parseRoute(`/projects/${projectId}/sessions/${sessionId}/more`)).toEqual({ name: "not-found" });
    expect(parseRoute(`/projects/${projectId}/agents/${sessionId}`)).toEqual({ name: "not-found" });
    expect(parseRoute(`/projects/${projectId}/files/charts`)).toEqual({ name: "not-found" });
    expect(parseRoute("/projects/new/extra")).toEqual({ name: "not-found" });
    expect(parseRoute("/settings")).toEqual({ name: "not-found" });
  });
});

describe("routePath", () => {
  it("builds paths that parse back to the same route", () => {
    const routes: Route[] = [
      { name: "projects" },
      { name: "new-project" },
      { name: "project", projectId, section: { tab: "chat" } },
      { name: "project", projectId, section: { tab: "chat", sessionId } },
      { name: "project", projectId, section: { tab: "agents" } },
      { name: "project", projectId, section: { tab: "files" } },
      { name: "project", projectId, section: { tab: "usage" } },
    ];
    for (const route of routes) expect(parseRoute(routePath(route))).toEqual(route);
  });
});
