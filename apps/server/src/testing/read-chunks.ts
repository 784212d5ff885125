/**
 * Reads a fetch body to its end, chunk by chunk (with a reader, which DOM typings accept too).
 * Reading stops when `signal` aborts, even if aborting the fetch leaves the pending read hanging
 * (it can when the body completes at the same moment).
 */
export async function readChunks(response: Response, onChunk: (chunk: Uint8Array) => void, signal: AbortSignal): Promise<void> {
  const reader: ReadableStreamDefaultReader<Uint8Array> | undefined = response.body?.getReader();
  if (!reader) return;
  let stop = () => {};
  const stopped = new Promise<"stopped">((resolve) => (stop = () => resolve("stopped")));
  if (signal.aborted) stop();
  signal.addEventListener("abort", stop, { once: true });
  try {
    for (;;) {
      const result = await Promise.race([reader.read(), stopped]);
      if (result === "stopped" || result.done) return;
      onChunk(result.value);
    }
  } finally {
    signal.removeEventListener("abort", stop);
  }
}
