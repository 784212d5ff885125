import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AuthSession,
  renewalRetryDelayMs,
  serverUnreachableNotice,
  sessionExpiredNotice,
  signOutIncompleteNotice,
  type SessionApi,
  type SessionTokens,
} from "./session.js";

const user = { id: "4b0d6c1e-8f0e-4a43-9d4e-1f5d0f0b7a11", email: "ada@example.com", username: "ada", createdAt: "2025-01-01T00:00:00.000Z" };

function tokens(accessToken: string, expiresIn = 3600): SessionTokens {
  return { accessToken, tokenType: "Bearer", expiresIn, user };
}

function fakeApi(refreshResults: Array<() => Promise<SessionTokens | undefined>>) {
  const calls = { refresh: 0, logout: 0 };
  let logoutResult: () => Promise<unknown> = () => Promise.resolve({ ok: true });
  const api: SessionApi = {
    refresh: () => refreshResults[calls.refresh++]?.() ?? Promise.reject(new Error("no refresh expected")),
    logout: () => {
      calls.logout += 1;
      return logoutResult();
    },
  };
  return { api, calls, failLogout: () => (logoutResult = () => Promise.reject(new Error("offline"))) };
}

describe("AuthSession", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("restores a previous sign-in from the refresh cookie", async () => {
    const { api } = fakeApi([() => Promise.resolve(tokens("restored"))]);
    const session = new AuthSession(api);

    await session.restore();

    expect(session.getState()).toEqual({ status: "signed-in", user });
    expect(session.accessToken).toBe("restored");
  });

  it("shows the sign-in screen without a notice when there is no session to restore", async () => {
    const { api } = fakeApi([() => Promise.resolve(undefined)]);
    const session = new AuthSession(api);

    await session.restore();

    expect(session.getState()).toEqual({ status: "signed-out" });
  });

  it("says so when the server cannot be reached to restore the session", async () => {
    const { api } = fakeApi([() => Promise.reject(new TypeError("Failed to fetch"))]);
    const session = new AuthSession(api);

    await session.restore();

    expect(session.getState()).toEqual({ status: "signed-out", notice: serverUnreachableNotice });
  });

  it("renews the access token shortly before it expires", async () => {
    const { api, calls } = fakeApi([() => Promise.resolve(tokens("second"))]);
    const session = new AuthSession(api);
    session.start(tokens("first", 60));

    await vi.advanceTimersByTimeAsync(47_000);
    expect(calls.refresh).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);

    expect(calls.refresh).toBe(1);
    expect(session.accessToken).toBe("second");
  });

  it("retries a renewal lost to the network without signing out", async () => {
    const { api, calls } = fakeApi([() => Promise.reject(new TypeError("Failed to fetch")), () => Promise.resolve(tokens("second"))]);
    const session = new AuthSession(api);
    session.start(tokens("first", 60));

    await vi.advanceTimersByTimeAsync(48_000);
    expect(session.getState().status).toBe("signed-in");
    await vi.advanceTimersByTimeAsync(renewalRetryDelayMs);

    expect(calls.refresh).toBe(2);
    expect(session.accessToken).toBe("second");
  });

  it("signs out with an expiry notice when the server refuses to renew", async () => {
    const { api } = fakeApi([() => Promise.resolve(undefined)]);
    const session = new AuthSession(api);
    session.start(tokens("first"));

    await expect(session.renew()).resolves.toBe(false);

    expect(session.getState()).toEqual({ status: "signed-out", notice: sessionExpiredNotice });
    expect(session.accessToken).toBeUndefined();
  });

  it("sends one refresh for concurrent renewals", async () => {
    const { api, calls } = fakeApi([() => Promise.resolve(tokens("second"))]);
    const session = new AuthSession(api);
    session.start(tokens("first"));

    await expect(Promise.all([session.renew(), session.renew()])).resolves.toEqual([true, true]);
    expect(calls.refresh).toBe(1);
  });

  it("stays signed out when a renewal already on the wire completes after sign-out", async () => {
    let finishRefresh!: (value: SessionTokens) => void;
    const { api } = fakeApi([() => new Promise((resolve) => (finishRefresh = resolve))]);
    const session = new AuthSession(api);
    session.start(tokens("first"));

    const renewal = session.renew();
    await session.signOut();
    finishRefresh(tokens("late"));

    await expect(renewal).resolves.toBe(false);
    expect(session.getState()).toEqual({ status: "signed-out" });
    expect(session.accessToken).toBeUndefined();
  });

  it("forgets the token locally and says so when the server cannot be told about a sign-out", async () => {
    const { api, calls, failLogout } = fakeApi([]);
    failLogout();
    const session = new AuthSession(api);
    session.start(tokens("first"));

    await session.signOut();

    expect(calls.logout).toBe(1);
    expect(session.getState()).toEqual({ status: "signed-out", notice: signOutIncompleteNotice });
    expect(session.accessToken).toBeUndefined();
  });

  it("stops renewing after sign-out", async () => {
    const { api, calls } = fakeApi([]);
    const session = new AuthSession(api);
    session.start(tokens("first", 60));

    await session.signOut();
    await vi.advanceTimersByTimeAsync(120_000);

    expect(calls.refresh).toBe(0);
  });

  it("tells subscribers about every state change", async () => {
    const { api } = fakeApi([]);
    const session = new AuthSession(api);
    const seen: string[] = [];
    session.subscribe(() => seen.push(session.getState().status));

    session.start(tokens("first"));
    await session.signOut();

    expect(seen).toEqual(["signed-in", "signed-out"]);
  });
});
