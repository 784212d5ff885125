import { describe, expect, it } from "vitest";
import { isExpiredSessionError } from "./is-expired-session-error.js";

describe("isExpiredSessionError", () => {
  it("renews after a protected call is refused for its token", () => {
    expect(isExpiredSessionError("projects.list", "UNAUTHENTICATED")).toBe(true);
    expect(isExpiredSessionError("auth.logout", "UNAUTHENTICATED")).toBe(true);
  });

  it("does not renew after the renewal itself is refused", () => {
    expect(isExpiredSessionError("auth.refresh", "UNAUTHENTICATED")).toBe(false);
  });

  it("does not renew after wrong credentials, other failures or a network error", () => {
    expect(isExpiredSessionError("auth.login", "INVALID_CREDENTIALS")).toBe(false);
    expect(isExpiredSessionError("projects.get", "PROJECT_NOT_FOUND")).toBe(false);
    expect(isExpiredSessionError("projects.list", undefined)).toBe(false);
  });
});
