import { afterEach, describe, expect, it, vi } from "vitest";
import { createGroupCommit } from "./group-commit.js";

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("group commit", () => {
  it("runs a lone call on the next turn and gathers the calls that arrive while a batch is in flight", async () => {
    const batches: number[][] = [];
    const double = createGroupCommit(async (inputs: number[]) => {
      batches.push(inputs);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return inputs.map((input) => input * 2);
    });

    const first = double(1);
    await nextTurn();
    const results = await Promise.all([
      first,
      ...[2, 3, 4].map((input) => double(input)),
    ]);

    expect(results).toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    expect(await double(5)).toBe(10);
    expect(batches.at(-1)).toEqual([5]);
  });

  it("fails every call of a failed batch and goes on with the next", async () => {
    let calls = 0;
    const flaky = createGroupCommit(async (inputs: string[]) => {
      calls += 1;
      await Promise.resolve();
      if (calls === 2) throw new Error("lost connection");
      return inputs.map((input) => input.toUpperCase());
    });

    const first = flaky("a");
    await nextTurn();
    await first;
    const outcomes = await Promise.allSettled([
      first,
      ...["b", "c"].map((input) => flaky(input)),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      "fulfilled",
      "rejected",
      "rejected",
    ]);
    expect(await flaky("d")).toBe("D");
  });

  it("lets what a call sets off within the turn join its batch", async () => {
    const batches: string[][] = [];
    const store = createGroupCommit((inputs: string[]) => {
      batches.push(inputs);
      return Promise.resolve(inputs);
    });

    const answer = store("answer");
    // A follow-up set off a few promise callbacks later, as a dependent's claim is.
    const followUp = Promise.resolve()
      .then(() => Promise.resolve())
      .then(() => store("follow-up"));

    expect(await Promise.all([answer, followUp])).toEqual([
      "answer",
      "follow-up",
    ]);
    expect(batches).toEqual([["answer", "follow-up"]]);
  });

  describe("gathering", () => {
    afterEach(() => vi.useRealTimers());

    /** Timers faked (not setImmediate, which starts a batch): only advancing them ends a gathering. */
    function gatheringStore() {
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
      const batches: string[][] = [];
      const store = createGroupCommit(
        (inputs: string[]) => {
          batches.push(inputs);
          return Promise.resolve(inputs);
        },
        { gatherMilliseconds: 100 },
      );
      return { batches, store };
    }

    it("holds gathered calls for the interval so that later ones share their statement", async () => {
      const { batches, store } = gatheringStore();

      const first = store("first", { gather: true });
      await nextTurn();
      vi.advanceTimersByTime(60);
      const second = store("second", { gather: true });
      await nextTurn();
      expect(batches).toEqual([]);

      vi.advanceTimersByTime(40);
      expect(await Promise.all([first, second])).toEqual(["first", "second"]);
      expect(batches).toEqual([["first", "second"]]);
    });

    it("lets a call that cannot wait start the batch at once, taking the gathered ones along", async () => {
      const { batches, store } = gatheringStore();

      const gathered = store("gathered", { gather: true });
      await nextTurn();
      // No timer is advanced: only the call that cannot wait can start this batch.
      expect(await Promise.all([gathered, store("urgent")])).toEqual(["gathered", "urgent"]);
      expect(batches).toEqual([["gathered", "urgent"]]);
      expect(vi.getTimerCount()).toBe(0);
    });

    it("starts the gathered calls' batch when flushed, and settles once it is written", async () => {
      const { batches, store } = gatheringStore();

      const gathered = [store("first", { gather: true }), store("second", { gather: true })];
      await nextTurn();
      // No timer is advanced: only the flush can start this batch.
      await store.flush();
      expect(batches).toEqual([["first", "second"]]);
      expect(await Promise.all(gathered)).toEqual(["first", "second"]);
      expect(vi.getTimerCount()).toBe(0);
    });
  });

  it("settles a flush with nothing gathered once the batch in flight, and the calls queued behind it, are written", async () => {
    const written: string[] = [];
    const store = createGroupCommit(async (inputs: string[]) => {
      await nextTurn();
      written.push(...inputs);
      return inputs;
    });

    void store("in flight");
    await nextTurn();
    void store("queued behind");
    await store.flush();
    expect(written).toEqual(["in flight", "queued behind"]);
  });
});
