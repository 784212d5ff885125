import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRestClient, rawRequest, signUp, startTestServer, type RestProject, type TestServer } from "../testing/index.js";

let server: TestServer;
let token: string;
let project: RestProject;

beforeAll(async () => {
  server = await startTestServer();
  ({ token } = await signUp(server.url));
  project = (await createRestClient(server.url, token).post<RestProject>("/my/projects/", { name: "Dispatched" })).body;
});

afterAll(async () => {
  await server.close();
});

const request = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });

describe("REST routing", () => {
  it("matches paths as express does: one trailing slash or none, any letter case", async () => {
    for (const path of [`/my/projects/${project.id}/`, `/my/projects/${project.id}`, `/my/PROJECTS/${project.id}/`]) {
      const response = await request(path);
      expect(response.status, path).toBe(200);
      expect(((await response.json()) as RestProject).id, path).toBe(project.id);
    }
    expect((await request(`/my/projects/${project.id}//extra/`)).status).toBe(404);
  });

  it("answers HEAD like GET without a body", async () => {
    const head = await request("/my/projects/", { method: "HEAD" });
    const get = await request("/my/projects/");

    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect(head.headers.get("content-length")).toBe(get.headers.get("content-length"));
    expect(head.headers.get("etag")).toBe(get.headers.get("etag"));
  });

  it("answers OPTIONS with the methods of the path, as express does", async () => {
    const response = await request(`/my/projects/${project.id}/`, { method: "OPTIONS" });

    expect(response.status).toBe(200);
    expect(response.headers.get("allow")).toBe("DELETE, GET, HEAD, PATCH");
  });

  it("sends JSON with an ETag and answers a matching conditional GET with 304", async () => {
    const first = await request("/my/projects/");
    const etag = first.headers.get("etag") ?? "";
    const headers = { authorization: `Bearer ${token}`, "if-none-match": etag };
    const unchanged = await rawRequest(server.url, { method: "GET", path: "/my/projects/", headers });
    const changed = await rawRequest(server.url, { method: "GET", path: "/my/projects/", headers: { ...headers, "if-none-match": 'W/"0-other"' } });

    expect(first.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(etag).toMatch(/^W\/"[0-9a-f]+-[A-Za-z0-9+/]{27}"$/);
    expect(unchanged.status).toBe(304);
    expect(unchanged.body.length).toBe(0);
    expect(changed.status).toBe(200);
  });

  it("refuses a path parameter with a broken escape with the error body", async () => {
    const response = await request("/my/projects/%E0%A4%A/");

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: "VALIDATION_FAILED", message: "The request could not be read", details: { reason: "bad_request" } },
    });
  });

  it("leaves other /my endpoints to their routers: an unknown one is 404", async () => {
    const response = await request("/my/projects/", { method: "PUT", headers: { "content-type": "application/json" }, body: "{" });

    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
  });
});
