import { createSecretKey, randomUUID, type KeyObject } from "node:crypto";
import jwt from "jsonwebtoken";
import type { Clock } from "../ports/clock.js";
import { unauthenticated, type UnauthenticatedReason } from "./unauthenticated.js";

export type TokenType = "access" | "refresh" | "stream";

export interface TokenClaims {
  userId: string;
  type: TokenType;
  /** The user's token version when issued; logout and password change bump it. Absent from external tokens. */
  tokenVersion: number | undefined;
  tokenId: string | undefined;
  familyId: string | undefined;
  email: string | undefined;
  /** Stream tickets only: the one session (in its project) the ticket opens a stream to. */
  projectId: string | undefined;
  sessionId: string | undefined;
  expiresAt: number;
}

export interface TokenServiceOptions {
  secret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  clock: Clock;
}

export interface SignedToken {
  token: string;
  expiresIn: number;
}

/** What a stream ticket opens: one user's event stream of one session. */
export interface StreamTicketScope {
  userId: string;
  projectId: string;
  sessionId: string;
}

/**
 * Stream tickets travel in URLs (browsers' EventSource cannot send headers), where they may be
 * logged by proxies or kept in history: so they live a minute and open nothing but that stream.
 */
export const streamTicketTtlSeconds = 60;

export interface TokenService {
  signAccessToken(options: { userId: string; tokenVersion: number }): SignedToken;
  signRefreshToken(options: { userId: string; tokenVersion: number; tokenId: string; familyId: string }): SignedToken;
  signStreamTicket(scope: StreamTicketScope): SignedToken;
  verify(token: string, expectedType: TokenType): TokenClaims;
  /** Verifies a stream ticket and that it was issued for exactly this project and session; returns its user. */
  verifyStreamTicket(ticket: string, scope: { projectId: string; sessionId: string }): { userId: string };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

const rejected = (reason: UnauthenticatedReason, cause?: unknown) => unauthenticated(reason, { cause });

function reasonFor(error: unknown): UnauthenticatedReason {
  if (error instanceof jwt.TokenExpiredError) return "token_expired";
  if (error instanceof jwt.NotBeforeError) return "token_not_yet_valid";
  if (error instanceof jwt.JsonWebTokenError) {
    if (error.message === "invalid signature") return "invalid_signature";
    if (error.message.startsWith("invalid algorithm")) return "algorithm_not_allowed";
    if (error.message === "jwt signature is required") return "algorithm_not_allowed";
  }
  return "malformed_token";
}

/**
 * HS256 only. The secret becomes a KeyObject once: with a string secret jsonwebtoken re-derives
 * it on every call (~50x slower, measured in shared/NOTES.md).
 */
export function createTokenService({
  secret,
  accessTokenTtlSeconds,
  refreshTokenTtlSeconds,
  clock,
}: TokenServiceOptions): TokenService {
  const key: KeyObject = createSecretKey(Buffer.from(secret, "utf8"));
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);

  function sign(payload: Record<string, unknown>, subject: string, ttlSeconds: number): SignedToken {
    const issuedAt = nowSeconds();
    const token = jwt.sign({ ...payload, iat: issuedAt, exp: issuedAt + ttlSeconds }, key, {
      algorithm: "HS256",
      subject,
    });
    return { token, expiresIn: ttlSeconds };
  }

  const service: TokenService = {
    signAccessToken: ({ userId, tokenVersion }) =>
      sign({ typ: "access", ver: tokenVersion, jti: randomUUID() }, userId, accessTokenTtlSeconds),
    signRefreshToken: ({ userId, tokenVersion, tokenId, familyId }) =>
      sign({ typ: "refresh", ver: tokenVersion, jti: tokenId, fam: familyId }, userId, refreshTokenTtlSeconds),
    signStreamTicket: ({ userId, projectId, sessionId }) =>
      sign({ typ: "stream", prj: projectId, sid: sessionId }, userId, streamTicketTtlSeconds),
    verify(token, expectedType) {
      let payload: jwt.JwtPayload | string;
      try {
        payload = jwt.verify(token, key, { algorithms: ["HS256"], clockTimestamp: nowSeconds() });
      } catch (error) {
        throw rejected(reasonFor(error), error);
      }
      if (typeof payload === "string") throw rejected("malformed_token");
      if (typeof payload.exp !== "number") throw rejected("missing_expiry");
      if (payload.sub === undefined) throw rejected("missing_subject");
      if (typeof payload.sub !== "string" || !uuidPattern.test(payload.sub)) throw rejected("invalid_subject");
      // External identity providers may omit `typ`; such tokens are access tokens.
      const type: unknown = payload.typ ?? "access";
      if (type !== expectedType) throw rejected("wrong_token_type");
      return {
        userId: payload.sub.toLowerCase(),
        type: expectedType,
        tokenVersion: typeof payload.ver === "number" ? payload.ver : undefined,
        tokenId: typeof payload.jti === "string" ? payload.jti : undefined,
        familyId: typeof payload.fam === "string" ? payload.fam : undefined,
        email: typeof payload.email === "string" ? payload.email : undefined,
        projectId: typeof payload.prj === "string" ? payload.prj.toLowerCase() : undefined,
        sessionId: typeof payload.sid === "string" ? payload.sid.toLowerCase() : undefined,
        expiresAt: payload.exp,
      };
    },
    verifyStreamTicket(ticket, { projectId, sessionId }) {
      const claims = service.verify(ticket, "stream");
      if (claims.projectId !== projectId.toLowerCase() || claims.sessionId !== sessionId.toLowerCase()) {
        throw rejected("ticket_scope_mismatch");
      }
      return { userId: claims.userId };
    },
  };
  return service;
}
