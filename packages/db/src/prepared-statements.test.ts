import { describe, expect, it } from "vitest";
import { preparedStatementNames } from "./prepared-statements.js";

describe("preparedStatementNames", () => {
  it("gives equal texts one name and different texts different names, within Postgres' 63-byte limit", () => {
    const nameOf = preparedStatementNames();
    const first = nameOf({ sql: "SELECT 1" });
    expect(nameOf({ sql: "SELECT 1" })).toBe(first);
    expect(nameOf({ sql: "SELECT 2" })).not.toBe(first);
    expect(first).toMatch(/^codelab_[0-9a-f]{40}$/);
    expect(Buffer.byteLength(first)).toBeLessThanOrEqual(63);
  });

  it("names only the first texts up to its limit; later ones run unnamed, earlier ones keep their names", () => {
    const nameOf = preparedStatementNames(2);
    const first = nameOf({ sql: "SELECT 1" });
    const second = nameOf({ sql: "SELECT 2" });
    expect(nameOf({ sql: "SELECT 3" })).toBe("");
    expect([nameOf({ sql: "SELECT 1" }), nameOf({ sql: "SELECT 2" })]).toEqual([first, second]);
    expect(second).not.toBe("");
  });
});
