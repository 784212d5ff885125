import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createProjectInput, loginInput, registerInput } from "@codelab/contracts";
import { validate } from "./validate.js";

describe("validate", () => {
  it("returns the parsed values when the form is valid", () => {
    expect(validate(registerInput, { email: "Ada@Example.com", password: "correct horse" })).toEqual({
      ok: true,
      data: { email: "ada@example.com", password: "correct horse" },
    });
  });

  it("reports each invalid field with the contract's message in sentence case", () => {
    expect(validate(registerInput, { email: "not-an-email", password: "short" })).toEqual({
      ok: false,
      errors: { email: "Must be an email address", password: "Must be at least 8 characters" },
    });
  });

  it("calls an empty required field required", () => {
    expect(validate(loginInput, { email: "ada@example.com", password: "" })).toEqual({
      ok: false,
      errors: { password: "Required" },
    });
  });

  it("keeps a message the contract wrote itself for an empty field", () => {
    expect(validate(createProjectInput, { name: "   " })).toEqual({ ok: false, errors: { name: "Must not be empty" } });
  });

  it("asks for a number when a numeric field is empty or unreadable", () => {
    const schema = z.object({ maxTokens: z.number().int() });
    expect(validate(schema, { maxTokens: Number.NaN })).toEqual({ ok: false, errors: { maxTokens: "Must be a number" } });
  });

  it("reports every invalid field in one pass", () => {
    expect(validate(createProjectInput, { name: "x".repeat(300), workspacePath: "" })).toEqual({
      ok: false,
      errors: { name: expect.stringMatching(/^Too big/), workspacePath: "Required" },
    });
  });
});
