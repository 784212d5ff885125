import { describe, expect, it } from "vitest";
import { createKeyedSlots } from "./user-slots.js";

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe("createKeyedSlots", () => {
  it("lets at most the limit hold a key and hands a freed slot to the longest waiter", async () => {
    const slots = createKeyedSlots(2);
    const first = await slots.acquire("alice");
    await slots.acquire("alice");
    const granted: string[] = [];
    void slots.acquire("alice").then(() => granted.push("third"));
    void slots.acquire("alice").then(() => granted.push("fourth"));
    await settled();
    expect(granted).toEqual([]);

    first();
    first();
    await settled();
    expect(granted).toEqual(["third"]);
  });

  it("counts each key on its own", async () => {
    const slots = createKeyedSlots(1);
    await slots.acquire("alice");
    let bobGranted = false;
    void slots.acquire("bob").then(() => (bobGranted = true));
    await settled();
    expect(bobGranted).toBe(true);
  });

  it("rejects a waiter whose signal aborts and skips it when a slot frees", async () => {
    const slots = createKeyedSlots(1);
    const release = await slots.acquire("alice");
    const controller = new AbortController();
    const abandoned = slots.acquire("alice", controller.signal);
    const granted: string[] = [];
    void slots.acquire("alice").then(() => granted.push("patient"));

    controller.abort(new Error("cancelled"));
    await expect(abandoned).rejects.toThrow("cancelled");
    release();
    await settled();
    expect(granted).toEqual(["patient"]);
  });
});
