import { describe, expect, it } from "vitest";
import { compileRoutePath } from "./compile-route-path.js";

function match(routePath: string, requestPath: string) {
  const compiled = compileRoutePath(routePath);
  if (!compiled) throw new Error(`${routePath} did not compile`);
  const groups = compiled.pattern.exec(requestPath);
  return groups ? Object.fromEntries(compiled.names.map((name, index) => [name, groups[index + 1]])) : undefined;
}

describe("compileRoutePath", () => {
  it("builds the pattern express's router builds for the same path", () => {
    // path-to-regexp 8, as the router calls it for a non-strict, case-insensitive route.
    expect(compileRoutePath("/projects/:projectId/agents/")?.pattern.source).toBe(String.raw`^(?:\/projects\/([^\/]+)\/agents)(?:\/$)?$`);
    expect(compileRoutePath("/settings/")?.pattern.source).toBe(String.raw`^(?:\/settings)(?:\/$)?$`);
    expect(compileRoutePath("/settings/")?.pattern.flags).toBe("i");
  });

  it("takes one trailing slash or none, any letter case, and names the parameters", () => {
    const route = "/projects/:projectId/chat/:sessionId/message/";

    expect(match(route, "/projects/p1/chat/s1/message/")).toEqual({ projectId: "p1", sessionId: "s1" });
    expect(match(route, "/projects/p1/chat/s1/message")).toEqual({ projectId: "p1", sessionId: "s1" });
    expect(match(route, "/PROJECTS/p1/Chat/s1/MESSAGE/")).toEqual({ projectId: "p1", sessionId: "s1" });
    expect(match(route, "/projects/p1/chat/s1/message//")).toBeUndefined();
    expect(match(route, "/projects/p1/chat/s1/message/extra/")).toBeUndefined();
    expect(match(route, "/projects//chat/s1/message/")).toBeUndefined();
  });

  it("matches literal dots and dashes as themselves", () => {
    expect(match("/projects/:projectId/tool-calls/", "/projects/p1/tool-calls/")).toEqual({ projectId: "p1" });
    expect(match("/v1.0/", "/v1x0/")).toBeUndefined();
  });

  it("leaves any other path syntax to express", () => {
    for (const path of ["/files/*filePath", "/projects{/:projectId}", "/a/:b?", "/", "relative/", "/a//b/", "/:1bad/"]) {
      expect(compileRoutePath(path), path).toBeUndefined();
    }
  });
});
