import type { LoginRateLimiters, OrchestratorDependencies, TokenService } from "@codelab/core";
import type { EventStreamPolicy } from "./subscriptions/event-stream-policy.js";

/** Everything the procedures need from the outside world, built once at start-up. */
export interface ApiDependencies extends OrchestratorDependencies {
  tokens: TokenService;
  loginRateLimiters: LoginRateLimiters;
  defaultModel: string;
  /** Limits shared by tRPC subscriptions and the REST event stream. */
  streams: EventStreamPolicy;
}

/** Where the refresh token lives between calls: an httpOnly cookie over HTTP, a variable in tests. */
export interface RefreshTokenStore {
  read(): string | undefined;
  write(token: string, maxAgeSeconds: number): void;
  clear(): void;
}

/** The transport-neutral facts about one request. */
export interface RequestInfo {
  authorization: string | undefined;
  clientIp: string;
  refreshToken: RefreshTokenStore;
}

export interface Context {
  deps: ApiDependencies;
  request: RequestInfo;
}

/** Pure: the HTTP adapter, the REST adapter and tests all build contexts through it. */
export function createContextInner(deps: ApiDependencies, request: RequestInfo): Context {
  return { deps, request };
}
