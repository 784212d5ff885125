import { describe, expect, it } from "vitest";
import { createConcurrencyLimit } from "./concurrency-limit.js";

describe("createConcurrencyLimit", () => {
  it("lets the limit through at once and the next one when a place is given back, in arrival order", async () => {
    const limit = createConcurrencyLimit(2);
    const first = await limit.acquire();
    const second = await limit.acquire();
    const order: string[] = [];
    const third = limit.acquire().then((release) => (order.push("third"), release));
    const fourth = limit.acquire().then((release) => (order.push("fourth"), release));
    await Promise.resolve();
    expect(order).toEqual([]);

    first!();
    first!();
    const releaseThird = await third;
    expect(order).toEqual(["third"]);

    second!();
    await fourth;
    expect(order).toEqual(["third", "fourth"]);
    releaseThird!();
  });

  it("gives up waiting when the signal aborts, without taking a place", async () => {
    const limit = createConcurrencyLimit(1);
    const held = await limit.acquire();
    const controller = new AbortController();
    const waiting = limit.acquire(controller.signal);

    controller.abort();

    expect(await waiting).toBeUndefined();
    expect(await limit.acquire(AbortSignal.abort())).toBeUndefined();
    held!();
    expect(await limit.acquire()).toBeTypeOf("function");
  });
});
