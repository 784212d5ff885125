import { createHmac, randomUUID } from "node:crypto";
import jwt from "jsonwebtoken";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error.js";
import { createFixedClock } from "../testing/fixed-clock.js";
import { createTokenService, type TokenService, type TokenType } from "./token-service.js";

const secret = "unit-test-secret-that-is-long-enough-for-hs256";
const clock = createFixedClock(new Date("2026-03-01T12:00:00.000Z"));
const tokens = createTokenService({ secret, accessTokenTtlSeconds: 3600, refreshTokenTtlSeconds: 86_400, clock });
const now = Math.floor(clock.now().getTime() / 1000);
const userId = randomUUID();

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Builds a token by hand, for the shapes jsonwebtoken refuses to sign. */
function forge(header: Record<string, unknown>, payload: unknown, signWith: string | undefined = secret): string {
  const signingInput = `${base64url(header)}.${base64url(payload)}`;
  const signature = signWith === undefined ? "" : createHmac("sha256", signWith).update(signingInput).digest("base64url");
  return `${signingInput}.${signature}`;
}

const validClaims = () => ({ sub: userId, typ: "access", ver: 0, iat: now, exp: now + 600 });

function rejectionOf(token: string, expectedType: TokenType = "access", service: TokenService = tokens): AppError {
  try {
    service.verify(token, expectedType);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("the token was accepted");
}

function expectRejected(token: string, reason: string, expectedType: TokenType = "access", service: TokenService = tokens) {
  const error = rejectionOf(token, expectedType, service);
  expect(error.code).toBe("UNAUTHENTICATED");
  expect(error.details).toEqual({ reason });
}

describe("token service", () => {
  it("accepts the access tokens it signs and reads their claims", () => {
    const { token, expiresIn } = tokens.signAccessToken({ userId, tokenVersion: 4 });
    expect(expiresIn).toBe(3600);
    const claims = tokens.verify(token, "access");
    expect(claims).toMatchObject({ userId, type: "access", tokenVersion: 4, expiresAt: now + 3600 });
  });

  it("accepts an HS256 token from an external issuer that has no type or version claim", () => {
    const token = jwt.sign({ sub: userId, email: "ext@example.test" }, secret, { algorithm: "HS256", expiresIn: 60 });
    const external = createTokenService({
      secret,
      accessTokenTtlSeconds: 60,
      refreshTokenTtlSeconds: 60,
      clock: { now: () => new Date() },
    });
    expect(external.verify(token, "access")).toMatchObject({ userId, type: "access", tokenVersion: undefined, email: "ext@example.test" });
  });

  it("rejects an unsigned token with alg none", () => {
    expectRejected(forge({ alg: "none", typ: "JWT" }, validClaims(), undefined), "algorithm_not_allowed");
  });

  it("rejects alg none even when a signature is attached", () => {
    expectRejected(forge({ alg: "none", typ: "JWT" }, validClaims()), "algorithm_not_allowed");
  });

  it.each(["HS384", "HS512"] as const)("rejects a token correctly signed with %s under the same secret", (algorithm) => {
    const token = jwt.sign(validClaims(), secret, { algorithm });
    expectRejected(token, "algorithm_not_allowed");
  });

  it("rejects an RS256 header (the HMAC-as-RSA confusion attack)", () => {
    expectRejected(forge({ alg: "RS256", typ: "JWT" }, validClaims()), "algorithm_not_allowed");
  });

  it("rejects a token signed with another secret", () => {
    expectRejected(forge({ alg: "HS256", typ: "JWT" }, validClaims(), "another-secret-of-plenty-of-length-123"), "invalid_signature");
  });

  it("rejects a token whose payload was altered after signing", () => {
    const [header, , signature] = tokens.signAccessToken({ userId, tokenVersion: 0 }).token.split(".");
    const tampered = `${header}.${base64url({ ...validClaims(), sub: randomUUID() })}.${signature}`;
    expectRejected(tampered, "invalid_signature");
  });

  it("rejects an expired token, judged by the injected clock", () => {
    const movingClock = createFixedClock(clock.now());
    const service = createTokenService({ secret, accessTokenTtlSeconds: 3600, refreshTokenTtlSeconds: 86_400, clock: movingClock });
    const { token } = service.signAccessToken({ userId, tokenVersion: 0 });
    movingClock.advance(3599 * 1000);
    expect(service.verify(token, "access").userId).toBe(userId);
    movingClock.advance(2 * 1000);
    expectRejected(token, "token_expired", "access", service);
  });

  it("rejects a token used before its nbf", () => {
    expectRejected(forge({ alg: "HS256", typ: "JWT" }, { ...validClaims(), nbf: now + 300 }), "token_not_yet_valid");
  });

  it("rejects a token without exp", () => {
    const { exp: _exp, ...withoutExpiry } = validClaims();
    expectRejected(jwt.sign(withoutExpiry, secret, { algorithm: "HS256" }), "missing_expiry");
  });

  it("rejects a token whose exp is not a number", () => {
    expectRejected(forge({ alg: "HS256", typ: "JWT" }, { ...validClaims(), exp: "never" }), "malformed_token");
  });

  it("rejects a token without sub", () => {
    const { sub: _sub, ...withoutSubject } = validClaims();
    expectRejected(jwt.sign(withoutSubject, secret, { algorithm: "HS256" }), "missing_subject");
  });

  it.each([
    ["a user name", "alice"],
    ["a number", 42],
    ["a UUID with trailing text", `${userId}x`],
  ])("rejects a token whose sub is %s", (_label, sub) => {
    expectRejected(forge({ alg: "HS256", typ: "JWT" }, { ...validClaims(), sub }), "invalid_subject");
  });

  it.each([
    ["an empty string", ""],
    ["a string without dots", "garbage"],
    ["two segments", "abc.def"],
    ["four segments", "a.b.c.d"],
    ["a header that is not JSON", `${Buffer.from("{not json").toString("base64url")}.${base64url(validClaims())}.sig`],
    ["a header that is not base64url", `%%%.${base64url(validClaims())}.sig`],
  ])("rejects %s as a malformed token", (_label, token) => {
    expectRejected(token, "malformed_token");
  });

  it("rejects a correctly signed payload that is not a JSON object", () => {
    const signingInput = `${base64url({ alg: "HS256", typ: "JWT" })}.${Buffer.from("just text").toString("base64url")}`;
    const signature = createHmac("sha256", secret).update(signingInput).digest("base64url");
    expectRejected(`${signingInput}.${signature}`, "malformed_token");
  });

  it("rejects a refresh token presented as an access token", () => {
    const { token } = tokens.signRefreshToken({ userId, tokenVersion: 0, tokenId: randomUUID(), familyId: randomUUID() });
    expectRejected(token, "wrong_token_type");
  });

  it("rejects a stream ticket presented as an access token", () => {
    expectRejected(jwt.sign({ ...validClaims(), typ: "stream" }, secret, { algorithm: "HS256" }), "wrong_token_type");
  });

  it("rejects an access token presented as a refresh token", () => {
    expectRejected(tokens.signAccessToken({ userId, tokenVersion: 0 }).token, "wrong_token_type", "refresh");
  });

  describe("stream tickets", () => {
    const projectId = randomUUID();
    const sessionId = randomUUID();

    it("open the stream of the session they were issued for, as its user, for at most a minute", () => {
      const { token, expiresIn } = tokens.signStreamTicket({ userId, projectId, sessionId });
      expect(expiresIn).toBeLessThanOrEqual(60);
      expect(tokens.verifyStreamTicket(token, { projectId, sessionId })).toEqual({ userId });
      expect(tokens.verify(token, "stream")).toMatchObject({ projectId, sessionId, expiresAt: now + expiresIn });
    });

    it("are refused for another session or another project", () => {
      const { token } = tokens.signStreamTicket({ userId, projectId, sessionId });
      for (const scope of [
        { projectId, sessionId: randomUUID() },
        { projectId: randomUUID(), sessionId },
      ]) {
        let error: unknown;
        try {
          tokens.verifyStreamTicket(token, scope);
        } catch (caught) {
          error = caught;
        }
        expect(error).toMatchObject({ code: "UNAUTHENTICATED", details: { reason: "ticket_scope_mismatch" } });
      }
    });

    it("are refused as access tokens, and access tokens as tickets", () => {
      const ticket = tokens.signStreamTicket({ userId, projectId, sessionId }).token;
      expectRejected(ticket, "wrong_token_type");
      const access = tokens.signAccessToken({ userId, tokenVersion: 0 }).token;
      expect(() => tokens.verifyStreamTicket(access, { projectId, sessionId })).toThrow(AppError);
      expectRejected(access, "wrong_token_type", "stream");
    });

    it("expire after their lifetime, judged by the injected clock", () => {
      const movingClock = createFixedClock(clock.now());
      const service = createTokenService({ secret, accessTokenTtlSeconds: 3600, refreshTokenTtlSeconds: 86_400, clock: movingClock });
      const { token, expiresIn } = service.signStreamTicket({ userId, projectId, sessionId });
      movingClock.advance((expiresIn - 1) * 1000);
      expect(service.verifyStreamTicket(token, { projectId, sessionId })).toEqual({ userId });
      movingClock.advance(2 * 1000);
      expectRejected(token, "token_expired", "stream", service);
    });
  });

  it("keeps the cause for the server log but says nothing about it to the caller", () => {
    const error = rejectionOf(forge({ alg: "HS256", typ: "JWT" }, validClaims(), "wrong-secret-wrong-secret-wrong-secret"));
    expect(error.message).toBe("Invalid or expired token");
    expect(error.cause).toBeInstanceOf(jwt.JsonWebTokenError);
  });
});
