import { describe, expect, it } from "vitest";
import { parseRoute, routePath, type Route } from "./route.js";

const projectId = "0f8fad5b-d9cb-469f-a165-70867728950e";

describe("parseRoute", () => {
  it("reads the project list, the new-project form and a project", () => {
    expect(parseRoute("/")).toEqual({ name: "projects" });
    expect(parseRoute("/projects/")).toEqual({ name: "projects" });
    expect(parseRoute("/projects/new")).toEqual({ name: "new-project" });
    expect(parseRoute(`/projects/${projectId}`)).toEqual({ name: "project", projectId });
  });

  it("treats a malformed project id or an unknown path as not found", () => {
    expect(parseRoute("/projects/123")).toEqual({ name: "not-found" });
    expect(parseRoute(`/projects/${projectId}/extra`)).toEqual({ name: "not-found" });
    expect(parseRoute("/settings")).toEqual({ name: "not-found" });
  });
});

describe("routePath", () => {
  it("builds paths that parse back to the same route", () => {
    const routes: Route[] = [{ name: "projects" }, { name: "new-project" }, { name: "project", projectId }];
    for (const route of routes) expect(parseRoute(routePath(route))).toEqual(route);
  });
});
