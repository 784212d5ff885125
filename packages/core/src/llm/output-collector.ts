/** A streamed chunk larger than `maxChunkChars`: real providers send small deltas, so this one is not trusted. */
export class OversizedChunkError extends Error {
  constructor(readonly chunkChars: number, readonly limitChars: number) {
    super(`a streamed chunk of ${chunkChars} characters exceeds the limit of ${limitChars}`);
    this.name = "OversizedChunkError";
  }
}

/** The caller's `onDelta` threw: its error is handed back untouched, never retried or relabelled. */
export class DeltaHandlerError extends Error {
  constructor(cause: unknown) {
    super("onDelta threw", { cause });
    this.name = "DeltaHandlerError";
  }
}

export interface OutputLimits {
  maxChunkChars: number;
  maxOutputChars: number;
}

/** Collects streamed text within the limits and hands each accepted piece to `onDelta`. */
export interface OutputCollector {
  /** Adds a delta; false once the output limit is reached and the rest of the answer must be dropped. */
  append(delta: string): boolean;
  readonly text: string;
  /** True once any text reached the caller: from then on a failed call cannot be retried. */
  readonly delivered: boolean;
  readonly capped: boolean;
}

export function createOutputCollector(limits: OutputLimits, onDelta: ((text: string) => void) | undefined): OutputCollector {
  const parts: string[] = [];
  let length = 0;
  let delivered = false;
  let capped = false;
  return {
    append(delta) {
      if (delta.length > limits.maxChunkChars) throw new OversizedChunkError(delta.length, limits.maxChunkChars);
      const accepted = truncateChars(delta, limits.maxOutputChars - length);
      if (accepted.length > 0) {
        parts.push(accepted);
        length += accepted.length;
        if (onDelta) {
          try {
            onDelta(accepted);
          } catch (error) {
            throw new DeltaHandlerError(error);
          }
          delivered = true;
        }
      }
      capped = accepted.length < delta.length;
      return !capped;
    },
    get text() {
      return parts.join("");
    },
    get delivered() {
      return delivered;
    },
    get capped() {
      return capped;
    },
  };
}

/** At most `maxChars` UTF-16 units of `text`, never ending in half a surrogate pair. */
export function truncateChars(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const end = Math.max(0, maxChars);
  const lastCode = text.charCodeAt(end - 1);
  const splitsPair = lastCode >= 0xd800 && lastCode <= 0xdbff;
  return text.slice(0, splitsPair ? end - 1 : end);
}
