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
): (input: Input) => Promise<Output> {
  let queued: Array<{
    input: Input;
    resolve: (output: Output) => void;
    reject: (error: unknown) => void;
  }> = [];
  let running = false;

  async function runWhileQueued(): Promise<void> {
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

  return (input) =>
    new Promise<Output>((resolve, reject) => {
      queued.push({ input, resolve, reject });
      if (!running) void runWhileQueued();
    });
}
