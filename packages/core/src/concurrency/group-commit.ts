export interface GroupCommitOptions {
  /**
   * How long a call made with `gather` may wait for later calls to share its statement (default 0:
   * gathered calls go like any other). A call without `gather` starts the batch at once, taking
   * every gathered call along.
   */
  gatherMilliseconds?: number;
}

export interface GroupCommit<Input, Output> {
  /** `gather`: nobody is waiting on this call right now, so it may wait to share a statement (see `GroupCommitOptions`). */
  (input: Input, options?: { gather?: boolean }): Promise<Output>;
  /** Starts the gathered calls' batch now rather than when their interval ends; settles once every call made so far has. Never rejects. */
  flush(): Promise<void>;
}

/**
 * Runs one statement for many callers (group commit). A batch starts on the next turn of the event
 * loop, so that everything the calls of this turn set off (and what that sets off, down to the last
 * promise callback) joins it: an answer and its dependents' claims go together. Calls arriving while
 * a statement is in flight wait and go together as the next one, so a burst (the sixteen branches
 * of a fan-out finishing together) pays two round trips, not sixteen. `run` answers in input order;
 * its failure fails every call of that batch.
 */
export function createGroupCommit<Input, Output>(
  run: (inputs: Input[]) => Promise<Output[]>,
  { gatherMilliseconds = 0 }: GroupCommitOptions = {},
): GroupCommit<Input, Output> {
  let queued: Array<{
    input: Input;
    resolve: (output: Output) => void;
    reject: (error: unknown) => void;
  }> = [];
  let running = false;
  let gathering: ReturnType<typeof setTimeout> | undefined;
  /** Settles once no call is queued or in flight; `run`'s failures are the calls'. */
  let drained: Promise<void> = Promise.resolve();

  async function runWhileQueued(): Promise<void> {
    clearTimeout(gathering);
    gathering = undefined;
    running = true;
    await new Promise((resolve) => setImmediate(resolve));
    while (queued.length > 0) {
      const batch = queued;
      queued = [];
      try {
        const outputs = await run(batch.map((call) => call.input));
        batch.forEach((call, index) => call.resolve(outputs[index]!));
      } catch (error) {
        for (const call of batch) call.reject(error);
      }
    }
    running = false;
  }

  function start(): void {
    drained = runWhileQueued();
  }

  const commit = (input: Input, { gather = false } = {}) =>
    new Promise<Output>((resolve, reject) => {
      queued.push({ input, resolve, reject });
      if (running) return;
      if (gather && gatherMilliseconds > 0) gathering ??= setTimeout(start, gatherMilliseconds);
      else start();
    });
  return Object.assign(commit, {
    flush(): Promise<void> {
      if (gathering) start();
      return drained;
    },
  });
}
