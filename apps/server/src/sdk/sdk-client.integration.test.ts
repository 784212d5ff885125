import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createCodelabClient, TRPCClientError, type RouterOutputs } from "@codelab/sdk";
import { startTestServer, type TestServer } from "../testing/index.js";

describe("createCodelabClient", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it("creates a project and lists its starter agents against a running server", async () => {
    const anonymous = createCodelabClient({ url: server.url });
    const { accessToken, user } = await anonymous.auth.register.mutate({ email: "sdk@example.test", password: "sdk-password-1" });
    const client = createCodelabClient({ url: `${server.url}/`, token: () => accessToken });

    const project = await client.projects.create.mutate({ name: "From the SDK" });
    expectTypeOf(project).toEqualTypeOf<RouterOutputs["projects"]["create"]>();
    expectTypeOf(project.createdAt).toBeString();
    expect(project).toMatchObject({ name: "From the SDK", userId: user.id, workspacePath: null });

    const { agents, total } = await client.agents.list.query({ projectId: project.id });
    expectTypeOf(agents[0]!.config.maxTokens).toBeNumber();
    expect(total).toBe(3);
    expect(agents.map((agent) => agent.name)).toEqual(["CodeAssistant", "DataAnalyst", "DocumentWriter"]);
  });

  it("surfaces the server's error code and details", async () => {
    const client = createCodelabClient({ url: server.url, token: "not-a-token" });
    const failure = await client.projects.list.query().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TRPCClientError);
    expect((failure as TRPCClientError<never>).data).toMatchObject({
      code: "UNAUTHORIZED",
      httpStatus: 401,
      appCode: "UNAUTHENTICATED",
      details: { reason: "malformed_token" },
    });
  });

  it("rejects inputs the procedures would refuse at compile time", () => {
    const client = createCodelabClient({ url: server.url });
    const sendsAUserId = () =>
      // @ts-expect-error: ownership comes from the token; inputs never take a user id.
      client.projects.create.mutate({ name: "x", userId: "someone" });
    const usesAnUnknownTool = () =>
      // @ts-expect-error: agent tools come from the registry.
      client.agents.create.mutate({ projectId: "p", name: "a", tools: ["rm_rf"] });
    expect([sendsAUserId, usesAnUnknownTool]).toHaveLength(2);
  });
});
