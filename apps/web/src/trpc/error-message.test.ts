import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { errorCode, errorMessage, serverFieldErrors, unreachableMessage } from "./error-message.js";

function serverError(message: string, appCode: string, details: Record<string, unknown> = {}) {
  return new TRPCClientError(message, {
    result: {
      error: {
        code: -32600,
        message,
        data: { code: "BAD_REQUEST", httpStatus: 400, appCode, details, path: "auth.register" },
      },
    },
  });
}

describe("errorMessage", () => {
  it("shows the server's message", () => {
    expect(errorMessage(serverError("Email or password is incorrect", "INVALID_CREDENTIALS"))).toBe(
      "Email or password is incorrect",
    );
  });

  it("explains a call that never reached the server instead of showing the browser's wording", () => {
    const networkFailure = TRPCClientError.from(new TypeError("Failed to fetch"));
    expect(errorMessage(networkFailure)).toBe(unreachableMessage);
  });

  it("reads the stable code of a server error", () => {
    expect(errorCode(serverError("Project not found", "PROJECT_NOT_FOUND"))).toBe("PROJECT_NOT_FOUND");
    expect(errorCode(new Error("plain"))).toBeUndefined();
  });
});

describe("serverFieldErrors", () => {
  it("maps each invalid field the server lists to its message", () => {
    const error = serverError("Invalid input", "VALIDATION_FAILED", {
      fields: [
        { field: "name", message: "must not be empty" },
        { field: "name", message: "a second complaint" },
        { field: "workspacePath", message: "is too long" },
      ],
    });
    expect(serverFieldErrors(error)).toEqual({ name: "must not be empty", workspacePath: "is too long" });
  });

  it("puts a conflict on the field it names", () => {
    const error = serverError("An account with this email already exists", "EMAIL_TAKEN", { field: "email" });
    expect(serverFieldErrors(error)).toEqual({ email: "An account with this email already exists" });
  });

  it("ignores errors that name no field", () => {
    expect(serverFieldErrors(serverError("Too many sign-in attempts", "RATE_LIMITED"))).toEqual({});
    expect(serverFieldErrors(new Error("offline"))).toEqual({});
  });
});
