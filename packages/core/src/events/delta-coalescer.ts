export interface DeltaCoalescer {
  /** Adds text; never waits. */
  push(text: string): void;
  /** Emits whatever is buffered now and resolves when every emission so far is done; rejects with the first failed one. Call it before publishing the message's end. */
  flush(): Promise<void>;
}

export interface DeltaCoalescerOptions {
  /** At most one emission per interval while tokens keep coming (default 50 ms). */
  intervalMilliseconds?: number;
}

/**
 * Batches token deltas so the event rate follows the interval, not the model's token rate.
 * The first text after a quiet interval goes out at once (time to first token is what users
 * notice); text arriving within the interval waits for its end. Emissions run one at a time, in order.
 */
export function createDeltaCoalescer(
  emit: (text: string) => Promise<unknown>,
  options: DeltaCoalescerOptions = {},
): DeltaCoalescer {
  const intervalMilliseconds = options.intervalMilliseconds ?? 50;
  let buffered = "";
  let timer: ReturnType<typeof setTimeout> | undefined;
  let emissions: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | undefined;

  function emitBuffered(): void {
    if (buffered === "") return;
    const text = buffered;
    buffered = "";
    emissions = emissions.then(async () => {
      if (failure) return;
      try {
        await emit(text);
      } catch (error) {
        failure = { error };
      }
    });
  }

  function startInterval(): void {
    timer = setTimeout(() => {
      timer = undefined;
      if (buffered === "") return;
      emitBuffered();
      startInterval();
    }, intervalMilliseconds);
  }

  return {
    push(text) {
      if (text === "") return;
      buffered += text;
      if (timer) return;
      emitBuffered();
      startInterval();
    },

    async flush() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      emitBuffered();
      await emissions;
      if (failure) throw failure.error;
    },
  };
}
