/** Sends one request's texts; aborted once none of the callers sharing it still waits for it. */
export type SendEmbeddingRequest = (texts: string[], signal: AbortSignal) => Promise<Float32Array[]>;

interface Caller {
  texts: readonly string[];
  vectors: Float32Array[];
  missing: number;
  signal: AbortSignal | undefined;
  settled: boolean;
  resolve(vectors: Float32Array[]): void;
  reject(error: unknown): void;
}

/** One text of one caller, at its place in a request. */
interface Slot {
  caller: Caller;
  index: number;
}

function settle(caller: Caller, outcome: { vectors: Float32Array[] } | { error: unknown }): void {
  if (caller.settled) return;
  caller.settled = true;
  if ("vectors" in outcome) caller.resolve(outcome.vectors);
  else caller.reject(outcome.error);
}

async function sendShared(send: SendEmbeddingRequest, slots: readonly Slot[]): Promise<void> {
  const callers = [...new Set(slots.map((slot) => slot.caller))];
  const controller = new AbortController();
  // Each caller's own abort listener, added first, has settled it by the time this one runs.
  const abortWhenNobodyWaits = () => {
    if (callers.every((caller) => caller.settled)) controller.abort(new Error("Every caller of this embedding request went away"));
  };
  for (const caller of callers) caller.signal?.addEventListener("abort", abortWhenNobodyWaits);
  try {
    const vectors = await send(
      slots.map(({ caller, index }) => caller.texts[index]!),
      controller.signal,
    );
    slots.forEach(({ caller, index }, position) => {
      caller.vectors[index] = vectors[position]!;
      caller.missing -= 1;
      if (caller.missing === 0) settle(caller, { vectors: caller.vectors });
    });
  } catch (error) {
    for (const caller of callers) settle(caller, { error });
  } finally {
    for (const caller of callers) caller.signal?.removeEventListener("abort", abortWhenNobodyWaits);
  }
}

/**
 * Callers of the same turn of the event loop share requests: a plan's sixteen branches recalling at
 * once cost one request against the provider's request-rate limit, not sixteen. Callers are packed
 * whole, in the order they asked, into requests of up to `batchSize` texts, sent side by side; a
 * caller with more texts than one request holds has requests of its own, one at a time, so that
 * it only ever waits for itself. Later callers never wait for requests already on their way.
 *
 * A caller that aborts gets its own reason back at once; a shared request is aborted only when
 * every caller in it has gone. A failed request fails every caller with a text in it.
 */
export function shareEmbeddingRequests(send: SendEmbeddingRequest, { batchSize }: { batchSize: number }) {
  let gathered: Caller[] = [];

  /** Whole callers, in order, up to a request's worth of texts each (a larger caller alone). */
  function groupsOf(callers: readonly Caller[]): Caller[][] {
    const groups: Caller[][] = [];
    let group: Caller[] = [];
    let size = 0;
    for (const caller of callers) {
      if (group.length > 0 && size + caller.texts.length > batchSize) {
        groups.push(group);
        group = [];
        size = 0;
      }
      group.push(caller);
      size += caller.texts.length;
    }
    if (group.length > 0) groups.push(group);
    return groups;
  }

  async function sendGroup(callers: readonly Caller[]): Promise<void> {
    const slots = callers.flatMap((caller) => caller.texts.map((_, index) => ({ caller, index })));
    for (let start = 0; start < slots.length; start += batchSize) {
      const request = slots.slice(start, start + batchSize).filter(({ caller }) => !caller.settled);
      if (request.length > 0) await sendShared(send, request);
    }
  }

  return async function embed(texts: readonly string[], { signal }: { signal?: AbortSignal } = {}): Promise<Float32Array[]> {
    signal?.throwIfAborted();
    if (texts.length === 0) return [];
    return new Promise<Float32Array[]>((resolve, reject) => {
      const stopListening = () => signal?.removeEventListener("abort", onAbort);
      const caller: Caller = {
        texts,
        vectors: [],
        missing: texts.length,
        signal,
        settled: false,
        resolve: (vectors) => {
          stopListening();
          resolve(vectors);
        },
        reject: (error) => {
          stopListening();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      };
      function onAbort() {
        settle(caller, { error: signal!.reason });
      }
      signal?.addEventListener("abort", onAbort, { once: true });
      if (gathered.length === 0) {
        setImmediate(() => {
          const callers = gathered;
          gathered = [];
          for (const group of groupsOf(callers)) void sendGroup(group);
        });
      }
      gathered.push(caller);
    });
  };
}
