import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import jwt from "jsonwebtoken";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRestClient, startTestServer, type RestMethod, type RestResponse, type TestServer } from "../testing/index.js";

type HttpResult = RestResponse<unknown>;

interface SessionTokens {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  user: { id: string; email: string; username: string; createdAt: string };
}

interface CallOptions {
  token?: string;
  cookie?: string;
  forwardedFor?: string;
}

const password = "correct horse battery staple";
const refreshCookieName = "codelab_refresh";
const uniqueEmail = (label: string) => `${label}-${randomUUID()}@example.test`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

function headersFor({ token, cookie, forwardedFor }: CallOptions): Record<string, string> {
  return {
    ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    ...(cookie === undefined ? {} : { cookie: `${refreshCookieName}=${cookie}` }),
    ...(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor }),
  };
}

async function send(url: string, init: RequestInit): Promise<HttpResult> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** A client for one running server: tRPC calls as the SPA makes them, and REST calls as scripts do. */
function clientFor(server: TestServer) {
  return {
    query: (path: string, input: unknown, options: CallOptions = {}) =>
      send(`${server.url}/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, {
        headers: headersFor(options),
      }),
    mutation: (path: string, input: unknown, options: CallOptions = {}) =>
      send(`${server.url}/trpc/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headersFor(options) },
        // tRPC 11.22's HTTP handler cannot parse an empty JSON body; its batch link always sends an object.
        body: JSON.stringify(input ?? {}),
      }),
    rest: (method: RestMethod, path: string, { token, body, rawAuthorization }: { token?: string; body?: unknown; rawAuthorization?: string } = {}) =>
      createRestClient(server.url, token).request(method, path, {
        json: body,
        headers: rawAuthorization === undefined ? {} : { authorization: rawAuthorization },
      }),
  };
}

type Client = ReturnType<typeof clientFor>;

function sessionOf(result: HttpResult): SessionTokens {
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return (result.body as { result: { data: SessionTokens } }).result.data;
}

/** The refresh cookie the response sets, split into its value and its lower-cased attributes. */
function refreshCookieOf(result: HttpResult): { value: string; attributes: Map<string, string> } {
  const header = result.headers.getSetCookie().find((cookie) => cookie.startsWith(`${refreshCookieName}=`));
  if (!header) throw new Error(`no ${refreshCookieName} cookie in the response`);
  const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
  const entries = attributes.map((attribute): [string, string] => {
    const [name = "", value = ""] = attribute.split("=");
    return [name.toLowerCase(), value];
  });
  return { value: decodeURIComponent(pair.slice(refreshCookieName.length + 1)), attributes: new Map(entries) };
}

interface TrpcError {
  code: number;
  message: string;
  data: { code: string; appCode: string; details: Record<string, unknown> };
}

const trpcErrorOf = (result: HttpResult) => (result.body as { error: TrpcError }).error;

// tRPC's JSON-RPC number for UNAUTHORIZED.
const unauthorizedRpcCode = -32001;

function expectTrpcUnauthorized(result: HttpResult, reason: string) {
  expect(result.status).toBe(401);
  const error = trpcErrorOf(result);
  expect(error.code).toBe(unauthorizedRpcCode);
  expect(error.data).toMatchObject({ code: "UNAUTHORIZED", appCode: "UNAUTHENTICATED", details: { reason } });
}

function expectRestUnauthenticated(result: HttpResult, reason: string) {
  expect(result.status).toBe(401);
  expect(result.body).toEqual({ error: { code: "UNAUTHENTICATED", message: expect.any(String) as string, details: { reason } } });
}

async function register(client: Client, email = uniqueEmail("user")) {
  const result = await client.mutation("auth.register", { email, password });
  return { email, session: sessionOf(result), refreshToken: refreshCookieOf(result).value };
}

describe("authentication over HTTP", () => {
  let server: TestServer;
  let client: Client;

  beforeAll(async () => {
    server = await startTestServer();
    client = clientFor(server);
  });

  afterAll(async () => {
    await server.close();
  });

  const sign = (payload: object, options: jwt.SignOptions = {}) =>
    jwt.sign(payload, server.jwtSecret, { algorithm: "HS256", ...options });

  describe("register, login and me", () => {
    it("registers a user whose access token then answers auth.me and the REST API", async () => {
      const email = uniqueEmail("Mixed.Case");
      const result = await client.mutation("auth.register", { email, password, username: "fresh" });
      const session = sessionOf(result);
      expect(session).toMatchObject({ tokenType: "Bearer", expiresIn: 3600, user: { email: email.toLowerCase(), username: "fresh" } });
      expect(JSON.stringify(result.body)).not.toMatch(/refresh|password/i);

      const me = await client.query("auth.me", undefined, { token: session.accessToken });
      expect(me.status).toBe(200);
      expect((me.body as { result: { data: unknown } }).result.data).toEqual(session.user);

      const projects = await client.rest("GET", "/my/projects/", { token: session.accessToken });
      expect(projects.status).toBe(200);
    });

    it("puts the refresh token only in an httpOnly, same-site, /trpc-scoped cookie", async () => {
      const result = await client.mutation("auth.register", { email: uniqueEmail("cookie"), password });
      const { value, attributes } = refreshCookieOf(result);
      expect(value.split(".")).toHaveLength(3);
      expect(attributes.has("httponly")).toBe(true);
      expect(attributes.get("samesite")).toBe("Strict");
      expect(attributes.get("path")).toBe("/trpc");
      expect(Number(attributes.get("max-age"))).toBe(30 * 24 * 3600);
      // Test servers run with NODE_ENV=test: Secure is only set in production, where there is TLS.
      expect(attributes.has("secure")).toBe(false);
    });

    it("refuses a second account for the same email, whatever its case, with 409 EMAIL_TAKEN", async () => {
      const { email } = await register(client);
      const result = await client.mutation("auth.register", { email: email.toUpperCase(), password });
      expect(result.status).toBe(409);
      expect(trpcErrorOf(result).data).toMatchObject({ code: "CONFLICT", appCode: "EMAIL_TAKEN" });
    });

    it("logs in with the right password", async () => {
      const { email, session } = await register(client);
      const login = sessionOf(await client.mutation("auth.login", { email: email.toUpperCase(), password }));
      expect(login.user.id).toBe(session.user.id);
      expect((await client.query("auth.me", undefined, { token: login.accessToken })).status).toBe(200);
    });

    it("answers a wrong password and an unknown email with the same 401 body", async () => {
      const { email } = await register(client);
      const wrongPassword = await client.mutation("auth.login", { email, password: "not the password" });
      const unknownEmail = await client.mutation("auth.login", { email: uniqueEmail("nobody"), password: "not the password" });
      expect(wrongPassword.status).toBe(401);
      expect(unknownEmail.status).toBe(401);
      expect(trpcErrorOf(wrongPassword).data).toMatchObject({ code: "UNAUTHORIZED", appCode: "INVALID_CREDENTIALS" });
      expect(unknownEmail.body).toEqual(wrongPassword.body);
    });
  });

  describe("refresh tokens", () => {
    it("rotates: the cookie buys a working access token and a new cookie", async () => {
      const { session, refreshToken } = await register(client);
      const renewed = await client.mutation("auth.refresh", undefined, { cookie: refreshToken });
      const renewedSession = sessionOf(renewed);
      const nextRefreshToken = refreshCookieOf(renewed).value;
      expect(nextRefreshToken).not.toBe(refreshToken);
      expect(renewedSession.user.id).toBe(session.user.id);
      expect((await client.rest("GET", "/my/projects/", { token: renewedSession.accessToken })).status).toBe(200);
      expect(sessionOf(await client.mutation("auth.refresh", undefined, { cookie: nextRefreshToken })).user.id).toBe(session.user.id);
    });

    it("treats reuse of a spent refresh token as theft and revokes that whole family, and only it", async () => {
      const { email, refreshToken: stolen } = await register(client);
      const otherDevice = refreshCookieOf(await client.mutation("auth.login", { email, password })).value;
      const legitimate = refreshCookieOf(await client.mutation("auth.refresh", undefined, { cookie: stolen })).value;

      const reuse = await client.mutation("auth.refresh", undefined, { cookie: stolen });
      expectTrpcUnauthorized(reuse, "refresh_token_reused");
      expect(refreshCookieOf(reuse).value).toBe("");

      expectTrpcUnauthorized(await client.mutation("auth.refresh", undefined, { cookie: legitimate }), "token_revoked");
      expect((await client.mutation("auth.refresh", undefined, { cookie: otherDevice })).status).toBe(200);
    });

    it("answers 401 without a refresh cookie", async () => {
      expectTrpcUnauthorized(await client.mutation("auth.refresh", undefined), "missing_token");
    });

    it("answers 401, not 500, to a refresh cookie that is not even decodable", async () => {
      expectTrpcUnauthorized(await client.mutation("auth.refresh", undefined, { cookie: "%E0%A4%A" }), "malformed_token");
    });

    it("refuses an access token in the refresh cookie", async () => {
      const { session } = await register(client);
      expectTrpcUnauthorized(await client.mutation("auth.refresh", undefined, { cookie: session.accessToken }), "wrong_token_type");
    });
  });

  describe("revocation", () => {
    it("logout ends the access token and the refresh token at once", async () => {
      const { session, refreshToken } = await register(client);
      const logout = await client.mutation("auth.logout", undefined, { token: session.accessToken });
      expect(logout.status).toBe(200);
      expect(refreshCookieOf(logout).value).toBe("");

      expectRestUnauthenticated(await client.rest("GET", "/my/projects/", { token: session.accessToken }), "token_revoked");
      expectTrpcUnauthorized(await client.query("auth.me", undefined, { token: session.accessToken }), "token_revoked");
      expectTrpcUnauthorized(await client.mutation("auth.refresh", undefined, { cookie: refreshToken }), "token_revoked");
    });

    it("changing the password ends old sessions, keeps this one, and retires the old password", async () => {
      const { email, session, refreshToken } = await register(client);
      const newPassword = "a brand new passphrase";
      const changed = await client.mutation(
        "auth.changePassword",
        { currentPassword: password, newPassword },
        { token: session.accessToken },
      );
      const newSession = sessionOf(changed);

      expectRestUnauthenticated(await client.rest("GET", "/my/projects/", { token: session.accessToken }), "token_revoked");
      expectTrpcUnauthorized(await client.mutation("auth.refresh", undefined, { cookie: refreshToken }), "token_revoked");
      expect((await client.rest("GET", "/my/projects/", { token: newSession.accessToken })).status).toBe(200);
      expect((await client.mutation("auth.refresh", undefined, { cookie: refreshCookieOf(changed).value })).status).toBe(200);

      const oldPasswordLogin = await client.mutation("auth.login", { email, password });
      expect(trpcErrorOf(oldPasswordLogin).data.appCode).toBe("INVALID_CREDENTIALS");
      expect(sessionOf(await client.mutation("auth.login", { email, password: newPassword })).user.id).toBe(session.user.id);
    });

    it("refuses a password change with the wrong current password and leaves the session alone", async () => {
      const { session } = await register(client);
      const result = await client.mutation(
        "auth.changePassword",
        { currentPassword: "not my password", newPassword: "whatever passphrase" },
        { token: session.accessToken },
      );
      expect(trpcErrorOf(result).data.appCode).toBe("INVALID_CREDENTIALS");
      expect((await client.rest("GET", "/my/projects/", { token: session.accessToken })).status).toBe(200);
    });
  });

  describe("token types", () => {
    it("refuses a refresh token used as a bearer token", async () => {
      const { refreshToken } = await register(client);
      expectRestUnauthenticated(await client.rest("GET", "/my/projects/", { token: refreshToken }), "wrong_token_type");
      expectTrpcUnauthorized(await client.query("projects.list", {}, { token: refreshToken }), "wrong_token_type");
    });

    it("refuses a stream ticket used as a bearer token", async () => {
      const { session } = await register(client);
      const ticket = sign({ sub: session.user.id, typ: "stream", ver: 0 }, { expiresIn: 60 });
      expectRestUnauthenticated(await client.rest("GET", "/my/projects/", { token: ticket }), "wrong_token_type");
      expectTrpcUnauthorized(await client.query("projects.list", {}, { token: ticket }), "wrong_token_type");
    });
  });

  describe("every rejected credential is a 401 with a stable reason", () => {
    const subject = randomUUID();
    const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    /** A valid HS256 token with its header swapped: the signature no longer matters once the algorithm is refused. */
    const withHeader = (header: object, signature?: string) => {
      const [, payload = "", original = ""] = sign({ sub: subject }, { expiresIn: 600 }).split(".");
      return `${base64url(header)}.${payload}.${signature ?? original}`;
    };

    const cases: Array<[string, () => string | undefined, string]> = [
      ["alg none without a signature", () => withHeader({ alg: "none", typ: "JWT" }, ""), "algorithm_not_allowed"],
      ["alg none with a signature", () => withHeader({ alg: "none", typ: "JWT" }), "algorithm_not_allowed"],
      ["HS384", () => jwt.sign({ sub: subject }, server.jwtSecret, { algorithm: "HS384", expiresIn: 600 }), "algorithm_not_allowed"],
      ["HS512", () => jwt.sign({ sub: subject }, server.jwtSecret, { algorithm: "HS512", expiresIn: 600 }), "algorithm_not_allowed"],
      ["an RS256 header", () => withHeader({ alg: "RS256", typ: "JWT" }), "algorithm_not_allowed"],
      ["another secret", () => jwt.sign({ sub: subject }, "a-different-secret-of-sufficient-length!", { expiresIn: 600 }), "invalid_signature"],
      ["an expired token", () => sign({ sub: subject, exp: nowSeconds() - 60 }), "token_expired"],
      ["a token not valid yet", () => sign({ sub: subject, nbf: nowSeconds() + 600 }, { expiresIn: 1200 }), "token_not_yet_valid"],
      ["no exp", () => sign({ sub: subject }), "missing_expiry"],
      ["a sub that is not a UUID", () => sign({ sub: "admin" }, { expiresIn: 600 }), "invalid_subject"],
      ["no sub", () => sign({ email: "someone@example.test" }, { expiresIn: 600 }), "missing_subject"],
      ["a garbage string", () => "not-a-jwt", "malformed_token"],
      ["a header that is not JSON", () => withHeader({}).replace(/^[^.]+/, Buffer.from("{oops").toString("base64url")), "malformed_token"],
      ["no Authorization header", () => undefined, "missing_token"],
    ];

    it.each(cases)("REST: %s", async (_label, makeToken, reason) => {
      const token = makeToken();
      expectRestUnauthenticated(await client.rest("GET", "/my/projects/", token === undefined ? {} : { token }), reason);
    });

    it.each(cases)("tRPC: %s", async (_label, makeToken, reason) => {
      const token = makeToken();
      expectTrpcUnauthorized(await client.query("projects.list", {}, token === undefined ? {} : { token }), reason);
    });

    it.each([
      ["another scheme", "Basic dXNlcjpwYXNz"],
      ["an empty bearer", "Bearer "],
      ["two tokens", "Bearer a.b.c d.e.f"],
    ])("refuses an Authorization header with %s", async (_label, rawAuthorization) => {
      expectRestUnauthenticated(await client.rest("GET", "/my/projects/", { rawAuthorization }), "missing_token");
    });
  });

  describe("authentication comes before input validation", () => {
    const deeplyNested: unknown = Array.from({ length: 100 }).reduce<unknown>((inner) => ({ inner }), "leaf");

    it("REST answers 401, not 400, to an anonymous request with an invalid body or path", async () => {
      expectRestUnauthenticated(await client.rest("POST", "/my/projects/", { body: { user_id: randomUUID(), name: 7 } }), "missing_token");
      expectRestUnauthenticated(await client.rest("GET", "/my/projects/not-a-uuid/"), "missing_token");
      expectRestUnauthenticated(await client.rest("GET", "/my/projects/?limit=100000"), "missing_token");
      expectRestUnauthenticated(await client.rest("POST", "/my/projects/", { body: { name: "nul\u0000byte" } }), "missing_token");
      expectRestUnauthenticated(await client.rest("POST", "/my/projects/", { body: { name: deeplyNested } }), "missing_token");
      expectRestUnauthenticated(
        await client.rest("PATCH", "/my/projects/not-a-uuid/agents/also-not/", { token: "garbage", body: [] }),
        "malformed_token",
      );
    });

    it("tRPC answers 401, not 400, to an anonymous call with invalid input", async () => {
      expectTrpcUnauthorized(await client.mutation("projects.create", { userId: randomUUID(), name: 7 }), "missing_token");
      expectTrpcUnauthorized(await client.query("agents.list", { projectId: "not-a-uuid" }), "missing_token");
      expectTrpcUnauthorized(await client.mutation("projects.create", { name: "nul\u0000byte" }), "missing_token");
      expectTrpcUnauthorized(await client.mutation("projects.create", { name: deeplyNested }), "missing_token");
      expectTrpcUnauthorized(await client.mutation("auth.changePassword", { newPassword: "" }, { token: "garbage" }), "malformed_token");
    });
  });

  describe("tokens from an external identity provider", () => {
    it("provisions the user of a valid token with an unknown sub, with the email it carries", async () => {
      const userId = randomUUID();
      const email = uniqueEmail("external");
      const token = sign({ sub: userId, email }, { expiresIn: 600 });

      const list = await client.rest("GET", "/my/projects/", { token });
      expect(list.status).toBe(200);
      const created = await client.rest("POST", "/my/projects/", { token, body: { name: "From the IdP" } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ user_id: userId, name: "From the IdP" });
      const me = await client.query("auth.me", undefined, { token });
      expect((me.body as { result: { data: unknown } }).result.data).toMatchObject({ id: userId, email });
    });

    it("provisions concurrent first requests of the same new user exactly once", async () => {
      const userId = randomUUID();
      const token = sign({ sub: userId }, { expiresIn: 600 });
      const results = await Promise.all(Array.from({ length: 5 }, () => client.rest("GET", "/my/projects/", { token })));
      expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200, 200]);
      expect(await server.deps.db.user.count({ where: { id: userId } })).toBe(1);
    });

    it("does not hand an existing account's email to a provisioned user", async () => {
      const { email, session } = await register(client);
      const userId = randomUUID();
      const token = sign({ sub: userId, email }, { expiresIn: 600 });
      expect((await client.rest("GET", "/my/projects/", { token })).status).toBe(200);
      const provisioned = await server.deps.db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
      expect(provisioned.email).not.toBe(email);
      const original = await server.deps.db.user.findUniqueOrThrow({ where: { id: session.user.id }, select: { email: true } });
      expect(original.email).toBe(email);
    });

    it("does not resurrect a user from a token that carries a revocation version", async () => {
      const token = sign({ sub: randomUUID(), typ: "access", ver: 3 }, { expiresIn: 600 });
      expectRestUnauthenticated(await client.rest("GET", "/my/projects/", { token }), "unknown_user");
    });
  });

  describe("the token CLI", () => {
    const repositoryRoot = fileURLToPath(new URL("../../../../", import.meta.url));
    const tsx = `${repositoryRoot}node_modules/.bin/tsx`;
    const cli = fileURLToPath(new URL("../cli/mint-token.ts", import.meta.url));
    const run = (args: string[], environment: Record<string, string> = {}) =>
      promisify(execFile)(tsx, [cli, ...args], {
        cwd: repositoryRoot,
        env: {
          PATH: process.env.PATH,
          NODE_ENV: "test",
          DATABASE_URL: server.databaseUrl,
          JWT_SECRET_KEY: server.jwtSecret,
          // Keeps a developer's .env and data directory out of the run.
          INIT_CWD: fileURLToPath(new URL(".", import.meta.url)),
          ...environment,
        },
      });

    it("prints a token for a new email that authenticates against the server", { timeout: 60_000 }, async () => {
      const email = uniqueEmail("cli");
      const { stdout } = await run(["--email", email]);
      const token = stdout.trim();
      expect(token.split(".")).toHaveLength(3);
      expect((await client.rest("GET", "/my/projects/", { token })).status).toBe(200);
      const me = await client.query("auth.me", undefined, { token });
      expect((me.body as { result: { data: unknown } }).result.data).toMatchObject({ email });
    });

    it("mints for an existing account, honouring its revocations", { timeout: 60_000 }, async () => {
      const { email, session } = await register(client);
      await client.mutation("auth.logout", undefined, { token: session.accessToken });
      const { stdout } = await run(["--email", email.toUpperCase()]);
      const me = await client.query("auth.me", undefined, { token: stdout.trim() });
      expect((me.body as { result: { data: unknown } }).result.data).toMatchObject({ id: session.user.id, email });
    });

    it("refuses to run without an email", { timeout: 60_000 }, async () => {
      await expect(run([])).rejects.toMatchObject({ code: 64, stderr: expect.stringContaining("--email") as string });
    });

    it("refuses to mint in production with the published default secret", { timeout: 60_000 }, async () => {
      await expect(
        run(["--email", uniqueEmail("cli")], { NODE_ENV: "production", JWT_SECRET_KEY: "change-me-in-production" }),
      ).rejects.toMatchObject({ code: 78, stdout: "", stderr: expect.stringContaining("published default") as string });
    });
  });
});

describe("a server with tighter auth settings", () => {
  let server: TestServer;
  let client: Client;

  beforeAll(async () => {
    // Behind a trusted proxy the client address comes from X-Forwarded-For, so one test can play many clients.
    server = await startTestServer({
      env: {
        ACCESS_TOKEN_TTL_SECONDS: "120",
        LOGIN_ATTEMPTS_PER_EMAIL: "3",
        LOGIN_ATTEMPTS_PER_IP: "5",
        LOGIN_WINDOW_SECONDS: "600",
        TRUST_PROXY: "true",
      },
    });
    client = clientFor(server);
  });

  afterAll(async () => {
    await server.close();
  });

  function expectRateLimited(result: HttpResult) {
    expect(result.status).toBe(429);
    const retryAfter = Number(result.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(trpcErrorOf(result).data).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      appCode: "RATE_LIMITED",
      details: { retryAfterSeconds: retryAfter },
    });
  }

  it("issues access tokens with the configured lifetime", async () => {
    const { session } = await register(client);
    expect(session.expiresIn).toBe(120);
    const claims = jwt.decode(session.accessToken) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(120);
  });

  it("limits login attempts per email, whatever the address or letter case they come from", async () => {
    const { email } = await register(client);
    const attempt = (index: number, attemptPassword: string) =>
      client.mutation(
        "auth.login",
        { email: index % 2 === 0 ? email : email.toUpperCase(), password: attemptPassword },
        { forwardedFor: `198.51.100.${index}` },
      );
    for (const index of [1, 2, 3]) expect((await attempt(index, "wrong password")).status).toBe(401);
    expectRateLimited(await attempt(4, "wrong password"));
    // The limit is checked before the password, so guessing right no longer helps.
    expectRateLimited(await attempt(5, password));
  });

  it("limits login attempts per client address across different emails", async () => {
    const forwardedFor = "203.0.113.9";
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const result = await client.mutation("auth.login", { email: uniqueEmail("spray"), password }, { forwardedFor });
      expect(result.status).toBe(401);
    }
    expectRateLimited(await client.mutation("auth.login", { email: uniqueEmail("spray"), password }, { forwardedFor }));
    expect((await client.mutation("auth.login", { email: uniqueEmail("spray"), password }, { forwardedFor: "203.0.113.10" })).status).toBe(401);
  });

  it("counts every login from one IPv6 /64 as one client", async () => {
    const addresses = ["2001:db8:7:1::1", "2001:DB8:7:1:ffff::2", "2001:db8:7:1:0:0:0:3", "2001:db8:7:1::4", "2001:db8:7:1:a:b:c:d"];
    for (const forwardedFor of addresses) {
      expect((await client.mutation("auth.login", { email: uniqueEmail("v6"), password }, { forwardedFor })).status).toBe(401);
    }
    expectRateLimited(await client.mutation("auth.login", { email: uniqueEmail("v6"), password }, { forwardedFor: "2001:db8:7:1::99" }));
    expect((await client.mutation("auth.login", { email: uniqueEmail("v6"), password }, { forwardedFor: "2001:db8:7:2::1" })).status).toBe(401);
  });
});
