import type { RouterOutputs } from "@codelab/sdk";
import { renewalDelayMs } from "./renewal-delay.js";
import { singleFlight } from "./single-flight.js";
import { withTabLock } from "./with-tab-lock.js";

export type SessionTokens = RouterOutputs["auth"]["refresh"];
export type SignedInUser = SessionTokens["user"];

export type SessionState =
  | { status: "restoring" }
  | { status: "signed-out"; notice?: string }
  | { status: "signed-in"; user: SignedInUser };

/** What the session needs from the server. */
export interface SessionApi {
  /** Trades the refresh cookie for new tokens; resolves `undefined` when the server refuses. */
  refresh(): Promise<SessionTokens | undefined>;
  logout(): Promise<unknown>;
}

export const sessionExpiredNotice = "Your session has expired. Sign in again to continue.";
export const serverUnreachableNotice = "CodeLab could not reach its server. Check your connection, then sign in.";
export const signOutIncompleteNotice =
  "You are signed out on this device, but the server could not be told; sign out again once you are back online.";

/** After a renewal lost to the network, try again this soon: the current token may still be valid. */
export const renewalRetryDelayMs = 15_000;

const renewalLockName = "codelab.session-renewal";

/**
 * The signed-in state of this tab. The access token lives only in this object's memory (never in
 * storage a script could read later); the refresh token stays in its httpOnly cookie.
 */
export class AuthSession {
  #state: SessionState = { status: "restoring" };
  #accessToken: string | undefined;
  #renewalTimer: ReturnType<typeof setTimeout> | undefined;
  // Bumped on every sign-out, so a renewal that was already on the wire cannot sign the user back in.
  #generation = 0;
  readonly #listeners = new Set<() => void>();
  readonly #api: SessionApi;

  constructor(api: SessionApi) {
    this.#api = api;
  }

  get accessToken(): string | undefined {
    return this.#accessToken;
  }

  readonly getState = (): SessionState => this.#state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Silently resumes the previous sign-in from the refresh cookie, if there is one. */
  async restore(): Promise<void> {
    try {
      await this.renew();
    } catch {
      this.#end(serverUnreachableNotice);
    }
  }

  /** Adopts the tokens of a sign-in, sign-up or renewal. */
  start(tokens: SessionTokens): void {
    this.#accessToken = tokens.accessToken;
    this.#scheduleRenewal(renewalDelayMs(tokens.expiresIn));
    this.#setState({ status: "signed-in", user: tokens.user });
  }

  /**
   * Gets a fresh access token. Resolves `false` (and signs out) when the server refuses, rejects
   * when it cannot be reached. Concurrent callers share one request.
   */
  readonly renew = singleFlight(async (): Promise<boolean> => {
    const generation = this.#generation;
    const tokens = await withTabLock(renewalLockName, () => this.#api.refresh());
    if (generation !== this.#generation) return false;
    if (!tokens) {
      this.#end(this.#state.status === "signed-in" ? sessionExpiredNotice : undefined);
      return false;
    }
    this.start(tokens);
    return true;
  });

  /** Revokes every token of this user on the server, then forgets the session here. */
  async signOut(): Promise<void> {
    try {
      await this.#api.logout();
      this.#end(undefined);
    } catch {
      // A session the server had already ended needs no revoking; a live one may have survived.
      this.#end(this.#state.status === "signed-in" ? signOutIncompleteNotice : undefined);
    }
  }

  #scheduleRenewal(delayMs: number): void {
    clearTimeout(this.#renewalTimer);
    this.#renewalTimer = setTimeout(() => {
      this.renew().catch(() => this.#scheduleRenewal(renewalRetryDelayMs));
    }, delayMs);
  }

  #end(notice: string | undefined): void {
    this.#generation += 1;
    this.#accessToken = undefined;
    clearTimeout(this.#renewalTimer);
    this.#setState(notice ? { status: "signed-out", notice } : { status: "signed-out" });
  }

  #setState(state: SessionState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }
}
