import { existsSync } from "node:fs";
import { readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCodelabClient, type CodelabClient } from "@codelab/sdk";
import {
  createRestClient,
  rawRequest,
  signUp,
  startTestServer,
  trpcFailureOf,
  type RestClient,
  type RestProject,
  type TestServer,
} from "../../testing/index.js";

const maxFileBytes = 64 * 1024;

let server: TestServer;
let token: string;
let rest: RestClient;
let trpc: CodelabClient;

beforeAll(async () => {
  server = await startTestServer({ env: { WORKSPACE_MAX_FILE_BYTES: String(maxFileBytes) } });
  ({ token } = await signUp(server.url));
  rest = createRestClient(server.url, token);
  trpc = createCodelabClient({ url: server.url, token });
});

afterAll(async () => {
  await server.close();
});

async function createProject(): Promise<string> {
  const response = await rest.post<RestProject>("/my/projects/", { name: "Files", workspace_path: "/home/someone/elsewhere" });
  expect(response.status).toBe(201);
  return response.body.id;
}

const filesPath = (projectId: string, path = "") => `/my/projects/${projectId}/files/${path}`;

function put(projectId: string, path: string, body: Buffer | string, headers: Record<string, string> = {}) {
  return rawRequest(server.url, {
    method: "PUT",
    path: filesPath(projectId, path),
    headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream", ...headers },
    body,
  });
}

function get(projectId: string, path: string) {
  return rawRequest(server.url, { method: "GET", path: filesPath(projectId, path), headers: { authorization: `Bearer ${token}` } });
}

describe("a project's workspace over REST", () => {
  it("is made with the project under the configured root, never at the workspace_path label", async () => {
    const projectId = await createProject();

    expect(await readdir(join(server.workspaceRoot, projectId))).toEqual([]);
    expect(existsSync("/home/someone/elsewhere")).toBe(false);
  });

  it("uploads raw bytes, lists, downloads and deletes them", async () => {
    const projectId = await createProject();
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]);

    const uploaded = await put(projectId, "data/blob.bin", bytes);
    await put(projectId, "README.md", "# Hello", { "content-type": "text/markdown" });
    const listed = await rest.get<{ files: unknown[]; total: number }>(filesPath(projectId));
    const nested = await rest.get<{ files: unknown[]; total: number }>(`${filesPath(projectId)}?path=data`);
    const downloaded = await get(projectId, "data/blob.bin");

    expect(uploaded.status).toBe(200);
    expect(uploaded.json()).toEqual({ path: "data/blob.bin", kind: "file", size: 9, modified_at: expect.any(String) as string });
    expect(listed.body).toEqual({
      files: [
        { path: "README.md", kind: "file", size: 7, modified_at: expect.any(String) as string },
        { path: "data", kind: "directory", size: 0, modified_at: expect.any(String) as string },
      ],
      total: 2,
    });
    expect(nested.body.files).toEqual([expect.objectContaining({ path: "data/blob.bin" })]);
    expect(downloaded.status).toBe(200);
    expect(downloaded.body).toEqual(bytes);
    expect(await readFile(join(server.workspaceRoot, projectId, "data/blob.bin"))).toEqual(bytes);

    const deleted = await rest.delete(filesPath(projectId, "data/blob.bin"));
    const again = await get(projectId, "data/blob.bin");

    expect(deleted.status).toBe(204);
    expect(again.status).toBe(404);
    expect(again.json()).toEqual({ error: { code: "FILE_NOT_FOUND", message: "File not found", details: {} } });
  });

  it("pages listings like every other list", async () => {
    const projectId = await createProject();
    for (const name of ["a.txt", "b.txt", "c.txt"]) await put(projectId, name, name);

    const page = await rest.get<{ files: Array<{ path: string }>; total: number }>(`${filesPath(projectId)}?limit=2&offset=1`);

    expect(page.body.files.map(({ path }) => path)).toEqual(["b.txt", "c.txt"]);
    expect(page.body.total).toBe(3);
  });

  it.each([
    ["report.txt", "text/plain; charset=utf-8", "attachment"],
    ["page.html", "text/html; charset=utf-8", "attachment"],
    ["data.json", "application/json; charset=utf-8", "attachment"],
    ["program.exe", "application/octet-stream", "attachment"],
    ["no-extension", "application/octet-stream", "attachment"],
    ["chart.png", "image/png", "inline"],
    ["drawing.svg", "image/svg+xml", "inline"],
  ])("serves %s as %s, %s, in a sandbox the browser may not sniff out of", async (name, contentType, disposition) => {
    const projectId = await createProject();
    await put(projectId, name, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>');

    const response = await get(projectId, name);

    expect(response.headers["content-type"]).toBe(contentType);
    expect(response.headers["content-disposition"]).toBe(`${disposition}; filename="${name}"; filename*=UTF-8''${name}`);
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["content-security-policy"]).toMatch(/^sandbox;/);
    expect(response.headers["cache-control"]).toBe("private, no-store");
  });

  it("names a file with any characters safely in Content-Disposition", async () => {
    const projectId = await createProject();
    const name = 'quote" and ü; filename=evil.html';
    await put(projectId, encodeURIComponent(name), "x");

    const response = await get(projectId, encodeURIComponent(name));

    expect(response.status).toBe(200);
    expect(response.headers["content-disposition"]).toBe(
      `attachment; filename="quote_ and _; filename=evil.html"; filename*=UTF-8''quote%22%20and%20%C3%BC%3B%20filename%3Devil.html`,
    );
  });

  it("refuses an upload over the limit with 413 and writes nothing", async () => {
    const projectId = await createProject();

    const tooLarge = await put(projectId, "big.bin", Buffer.alloc(maxFileBytes + 1));
    const atLimit = await put(projectId, "exact.bin", Buffer.alloc(maxFileBytes));

    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json()).toEqual({
      error: { code: "FILE_TOO_LARGE", message: `The file is larger than the ${maxFileBytes}-byte limit`, details: { limitBytes: maxFileBytes } },
    });
    expect(atLimit.status).toBe(200);
    expect(await readdir(join(server.workspaceRoot, projectId))).toEqual(["exact.bin"]);
    expect(await readdir(join(server.workspaceRoot, ".incoming"))).toEqual([]);
  });

  it("refuses compressed uploads instead of inflating them", async () => {
    const projectId = await createProject();

    const response = await put(projectId, "zipped.txt", Buffer.from([0x1f, 0x8b]), { "content-encoding": "gzip" });

    expect(response.status).toBe(415);
    expect(existsSync(join(server.workspaceRoot, projectId, "zipped.txt"))).toBe(false);
  });

  it("refuses without credentials before looking at anything", async () => {
    const projectId = await createProject();
    await put(projectId, "secret.txt", "mine");

    const attempts = await Promise.all([
      rawRequest(server.url, { method: "GET", path: filesPath(projectId) }),
      rawRequest(server.url, { method: "GET", path: filesPath(projectId, "secret.txt") }),
      rawRequest(server.url, { method: "PUT", path: filesPath(projectId, "planted.txt"), body: "x" }),
      rawRequest(server.url, { method: "DELETE", path: filesPath(projectId, "secret.txt") }),
    ]);

    expect(attempts.map(({ status }) => status)).toEqual([401, 401, 401, 401]);
    expect(await readdir(join(server.workspaceRoot, projectId))).toEqual(["secret.txt"]);
  });

  it("does not follow a link planted in the workspace, for any method", async () => {
    const projectId = await createProject();
    const directory = join(server.workspaceRoot, projectId);
    const target = join(server.workspaceRoot, "planted-target.txt");
    await writeFile(target, "outside the workspace");
    await symlink("/etc/passwd", join(directory, "passwd"));
    await symlink(target, join(directory, "target.txt"));
    await symlink(server.workspaceRoot, join(directory, "root"));

    const responses = [
      await get(projectId, "passwd"),
      await get(projectId, "target.txt"),
      await get(projectId, "root/planted-target.txt"),
      await put(projectId, "target.txt", "overwritten"),
      await put(projectId, "root/planted.txt", "planted"),
      await rawRequest(server.url, { method: "DELETE", path: filesPath(projectId, "target.txt"), headers: { authorization: `Bearer ${token}` } }),
      await rawRequest(server.url, { method: "GET", path: `${filesPath(projectId)}?path=root`, headers: { authorization: `Bearer ${token}` } }),
    ];
    const listed = await rest.get<{ files: unknown[] }>(filesPath(projectId));

    for (const response of responses) {
      expect(response.status).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: "INVALID_PATH", details: { reason: "symbolic_link" } } });
    }
    expect(await readFile(target, "utf8")).toBe("outside the workspace");
    expect(existsSync(join(server.workspaceRoot, "planted.txt"))).toBe(false);
    expect(listed.body.files).toEqual([]);
  });

  it("goes with the project", async () => {
    const projectId = await createProject();
    await put(projectId, "a/b/c.txt", "c");

    const deleted = await rest.delete(`/my/projects/${projectId}/`);

    expect(deleted.status).toBe(204);
    expect(existsSync(join(server.workspaceRoot, projectId))).toBe(false);
    expect((await get(projectId, "a/b/c.txt")).status).toBe(404);
  });
});

describe("a project's workspace over tRPC", () => {
  it("uploads base64, lists, reads in pages and deletes", async () => {
    const { id: projectId } = await trpc.projects.create.mutate({ name: "tRPC files" });
    const content = Buffer.from("0123456789");

    const uploaded = await trpc.files.upload.mutate({ projectId, path: "dir/digits.txt", contentBase64: content.toString("base64") });
    const listed = await trpc.files.list.query({ projectId, path: "dir" });
    const first = await trpc.files.read.query({ projectId, path: "dir/digits.txt", maxBytes: 6 });
    const second = await trpc.files.read.query({ projectId, path: "dir/digits.txt", offset: first.nextOffset ?? 0, maxBytes: 6 });

    expect(uploaded).toMatchObject({ path: "dir/digits.txt", kind: "file", size: 10 });
    expect(listed).toEqual({ files: [expect.objectContaining({ path: "dir/digits.txt", size: 10 })], total: 1 });
    expect(first).toEqual({ path: "dir/digits.txt", contentBase64: Buffer.from("012345").toString("base64"), size: 10, offset: 0, nextOffset: 6 });
    expect(second).toEqual({ path: "dir/digits.txt", contentBase64: Buffer.from("6789").toString("base64"), size: 10, offset: 6, nextOffset: null });

    expect(await trpc.files.delete.mutate({ projectId, path: "dir" })).toEqual({ deleted: true });
    expect(await trpc.files.list.query({ projectId })).toEqual({ files: [], total: 0 });
  });

  it("refuses an upload over the limit with PAYLOAD_TOO_LARGE and writes nothing", async () => {
    const { id: projectId } = await trpc.projects.create.mutate({ name: "Too large" });

    const failure = await trpcFailureOf(
      trpc.files.upload.mutate({ projectId, path: "big.bin", contentBase64: Buffer.alloc(maxFileBytes + 1).toString("base64") }),
    );

    expect(failure).toMatchObject({ code: "PAYLOAD_TOO_LARGE", httpStatus: 413, appCode: "FILE_TOO_LARGE", details: { limitBytes: maxFileBytes } });
    expect(await readdir(join(server.workspaceRoot, projectId))).toEqual([]);
  });

  it("refuses content that is not base64", async () => {
    const { id: projectId } = await trpc.projects.create.mutate({ name: "Bad base64" });

    const failure = await trpcFailureOf(trpc.files.upload.mutate({ projectId, path: "x.txt", contentBase64: "not base64!" }));

    expect(failure).toMatchObject({ appCode: "VALIDATION_FAILED", details: { fields: [expect.objectContaining({ field: "contentBase64" })] } });
  });
});
