import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCodelabClient, TRPCClientError, type CodelabClient } from "@codelab/sdk";
import { diskTree, hostilePaths } from "@codelab/core/testing";
import { createRestClient, rawRequest, signUp, startTestServer, type RawResponse, type RestProject, type TestServer } from "../../testing/index.js";

const rootSecret = "ROOT SECRET: between the workspaces";
const neighbourSecret = "the neighbour's private notes";

let server: TestServer;
let token: string;
let trpc: CodelabClient;
let projectId: string;
let neighbourProjectId: string;

beforeAll(async () => {
  server = await startTestServer();
  const [owner, neighbour] = [await signUp(server.url), await signUp(server.url)];
  token = owner.token;
  trpc = createCodelabClient({ url: server.url, token });
  projectId = (await trpc.projects.create.mutate({ name: "Target" })).id;
  await trpc.files.upload.mutate({ projectId, path: "kept.txt", contentBase64: Buffer.from("kept").toString("base64") });
  const neighbourRest = createRestClient(server.url, neighbour.token);
  neighbourProjectId = (await neighbourRest.post<RestProject>("/my/projects/", { name: "Neighbour" })).body.id;
  await neighbourRest.request("PUT", `/my/projects/${neighbourProjectId}/files/notes.txt`, { rawBody: neighbourSecret });
  await writeFile(join(server.workspaceRoot, "secret.txt"), rootSecret);
});

afterAll(async () => {
  await server.close();
});

/** Everything under the root but the target workspace, and the target workspace: neither may change. */
async function diskState() {
  return {
    elsewhere: await diskTree(server.workspaceRoot, { skip: [projectId] }),
    own: await diskTree(join(server.workspaceRoot, projectId)),
  };
}

const leaks = [rootSecret, neighbourSecret, "root:x:0:0"];

function expectNoLeak(text: string, label: string): void {
  for (const secret of leaks) expect(text, label).not.toContain(secret);
}

/** Percent-encodes like encodeURIComponent, and a lone surrogate as the bytes a hostile client would send for it. */
function percentEncode(text: string): string {
  let encoded = "";
  for (const character of text) {
    const code = character.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdfff) {
      encoded += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join("");
    } else encoded += encodeURIComponent(character);
  }
  return encoded;
}

/** The ways a client can put one path in a URL: segment by segment, with dots encoded, with slashes encoded. */
function urlSpellings(path: string): string[] {
  const bySegment = path.split("/").map(percentEncode).join("/");
  return [bySegment, bySegment.replaceAll(".", "%2E"), percentEncode(path)];
}

// Spellings only a URL has: encoded separators and dots, double encoding, overlong UTF-8, other servers' quirks.
const urlOnlyPaths = [
  "..%2f..%2fsecret.txt",
  "%2e%2e%2f%2e%2e%2fsecret.txt",
  "%2e%2e/%2e%2e/secret.txt",
  "..%5c..%5csecret.txt",
  "%2e%2e%5csecret.txt",
  "a/%2e%2e/%2e%2e/secret.txt",
  "%c0%ae%c0%ae/secret.txt",
  "%e0%80%ae%e0%80%ae/secret.txt",
  "%u002e%u002e/secret.txt",
  "..%2f{neighbour}%2fnotes.txt",
  "%2e%2e/{neighbour}/notes.txt",
  "%00../secret.txt",
  "/..%2fsecret.txt",
];

const withNeighbour = (path: string) => path.replace("{neighbour}", neighbourProjectId);

const request = (method: string, path: string, body?: string) =>
  rawRequest(server.url, { method, path, headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" }, body });

/** What a refused or confined answer looks like: 400 or 404 with the error body, or a listing of the caller's own workspace. */
function expectConfined(response: RawResponse, label: string): void {
  expectNoLeak(response.body.toString("utf8"), label);
  const body = response.json() as { files?: Array<{ path: string }>; error?: { code: string } } | undefined;
  if (response.status === 200 && body?.files) {
    expect(body.files.map(({ path }) => path), label).toEqual(["kept.txt"]);
    return;
  }
  expect([400, 404], `${label}: ${response.status}`).toContain(response.status);
  expect(body?.error?.code, label).toMatch(/^[A-Z_]+$/);
}

describe("the traversal corpus over REST", () => {
  it("reaches nothing outside the workspace, in any spelling, with any method", async () => {
    const before = await diskState();
    const urlPaths = [...hostilePaths.flatMap(({ path }) => urlSpellings(path)), ...urlOnlyPaths.map(withNeighbour)];
    const files = `/my/projects/${projectId}/files/`;

    for (const urlPath of urlPaths) {
      expectConfined(await request("GET", `${files}${urlPath}`), `GET ${urlPath}`);
      expectConfined(await request("PUT", `${files}${urlPath}`, "planted"), `PUT ${urlPath}`);
      expectConfined(await request("DELETE", `${files}${urlPath}`), `DELETE ${urlPath}`);
      expectConfined(await request("GET", `${files}?path=${urlPath}`), `GET ?path=${urlPath}`);
    }

    expect(await diskState()).toEqual(before);
  });

  it("takes double encoding and other servers' quirks as the literal names they are, inside the workspace", async () => {
    const other = (await trpc.projects.create.mutate({ name: "Literal names" })).id;
    const elsewhere = await diskTree(server.workspaceRoot, { skip: [other] });

    const doubleEncoded = await request("PUT", `/my/projects/${other}/files/%252e%252e/secret.txt`, "inside");
    const semicolon = await request("PUT", `/my/projects/${other}/files/..;/secret.txt`, "inside");

    expect([doubleEncoded.json(), semicolon.json()]).toEqual([
      expect.objectContaining({ path: "%2e%2e/secret.txt" }),
      expect.objectContaining({ path: "..;/secret.txt" }),
    ]);
    expect(await diskTree(join(server.workspaceRoot, other))).toEqual({
      "%2e%2e": "<dir>",
      "%2e%2e/secret.txt": "inside",
      "..;": "<dir>",
      "..;/secret.txt": "inside",
    });
    expect(await diskTree(server.workspaceRoot, { skip: [other] })).toEqual(elsewhere);
  });

  it("cannot leave the project through the project segment either", async () => {
    const attempts = [
      `/my/projects/${projectId}/../${neighbourProjectId}/files/notes.txt`,
      `/my/projects/${projectId}/files/../../${neighbourProjectId}/files/notes.txt`,
      `/my/projects/${projectId}%2f..%2f${neighbourProjectId}/files/notes.txt`,
      `/my/projects/..%2f${neighbourProjectId}/files/notes.txt`,
    ];

    for (const path of attempts) {
      const response = await request("GET", path);
      expectConfined(response, path);
    }
  });
});

describe("the traversal corpus over tRPC", () => {
  /** The call's failure, or its result when it succeeded. */
  const outcome = (call: Promise<unknown>) =>
    call.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => {
        if (!(error instanceof TRPCClientError)) throw error;
        return { ok: false as const, status: (error.data as { httpStatus?: number } | undefined)?.httpStatus, message: error.message };
      },
    );

  it.each(hostilePaths)("$label reaches nothing outside the workspace", async ({ path }) => {
    const before = await diskState();

    const refused = [
      await outcome(trpc.files.read.query({ projectId, path })),
      await outcome(trpc.files.upload.mutate({ projectId, path, contentBase64: Buffer.from("planted").toString("base64") })),
      await outcome(trpc.files.delete.mutate({ projectId, path })),
    ];
    const listed = await outcome(trpc.files.list.query({ projectId, path }));

    for (const result of refused) {
      expect(result).toMatchObject({ ok: false, status: 400 });
      expectNoLeak(JSON.stringify(result), path);
    }
    if (listed.ok) expect(listed.value).toEqual({ files: [expect.objectContaining({ path: "kept.txt" })], total: 1 });
    else expect([400, 404]).toContain(listed.status);
    expect(await diskState()).toEqual(before);
  });
});
