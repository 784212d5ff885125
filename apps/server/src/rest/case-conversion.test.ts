import { describe, expect, it } from "vitest";
import { camelCaseKeys, snakeCaseField, snakeCaseKeys } from "./case-conversion.js";

describe("snakeCaseKeys", () => {
  it("converts every key of a response, nested ones too, and leaves metadata as the user wrote it", () => {
    const converted = snakeCaseKeys({ projectId: "p", agents: [{ systemPrompt: "s", metadata: { keepMe: 1 } }], createdAt: new Date(0) });

    expect(converted).toEqual({ project_id: "p", agents: [{ system_prompt: "s", metadata: { keepMe: 1 } }], created_at: new Date(0) });
  });

  it("builds ordinary objects, with a __proto__ key as an own property rather than a prototype", () => {
    const converted = snakeCaseKeys(JSON.parse('{"__proto__": {"polluted": true}, "userId": "u"}')) as Record<string, unknown>;

    expect(Object.getPrototypeOf(converted)).toBe(Object.prototype);
    expect(Object.keys(converted)).toEqual(["__proto__", "user_id"]);
    expect(JSON.stringify(converted)).toBe('{"__proto__":{"polluted":true},"user_id":"u"}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("camelCaseKeys", () => {
  it("converts request bodies into objects without a prototype", () => {
    const converted = camelCaseKeys(JSON.parse('{"workspace_path": "/w", "nested": {"__proto__": {"admin": true}}}')) as Record<string, { admin?: unknown }>;

    expect(Object.getPrototypeOf(converted)).toBeNull();
    expect(converted.workspacePath).toBe("/w");
    expect(Object.getPrototypeOf(converted.nested)).toBeNull();
    expect(converted.nested?.admin).toBeUndefined();
  });
});

describe("snakeCaseField", () => {
  it("spells a field path as the client did, keys inside metadata untouched", () => {
    expect(snakeCaseField("agents.0.systemPrompt")).toBe("agents.0.system_prompt");
    expect(snakeCaseField("metadata.someKey")).toBe("metadata.someKey");
  });
});
