/** The provider sent more than we are willing to hold in memory. */
export class ResponseTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the provider's response exceeded ${limitBytes} bytes`);
    this.name = "ResponseTooLargeError";
  }
}

export interface ResponseLimits {
  /** Longest line of an event stream; one SSE line is one chunk. */
  maxLineBytes: number;
  /** Largest body of any other response. */
  maxBodyBytes: number;
}

/**
 * `fetch` whose response bodies are cut off past the limits, so a misbehaving provider cannot make
 * the SDK buffer without bound (it keeps a whole SSE line, or a whole JSON body, in memory).
 * Exceeding a limit errors the body with `ResponseTooLargeError` and cancels the upstream response.
 */
export function createBoundedFetch(limits: ResponseLimits): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.body) return response;
    const eventStream = response.headers.get("content-type")?.includes("text/event-stream") ?? false;
    const limited = response.body.pipeThrough(eventStream ? limitLines(limits.maxLineBytes) : limitTotal(limits.maxBodyBytes));
    return new Response(limited, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

function limitTotal(maxBytes: number): TransformStream<Uint8Array, Uint8Array> {
  let total = 0;
  return new TransformStream({
    transform(chunk, controller) {
      total += chunk.byteLength;
      if (total > maxBytes) controller.error(new ResponseTooLargeError(maxBytes));
      else controller.enqueue(chunk);
    },
  });
}

const newline = 0x0a;

function limitLines(maxLineBytes: number): TransformStream<Uint8Array, Uint8Array> {
  let lineBytes = 0;
  return new TransformStream({
    transform(chunk, controller) {
      for (let start = 0; start <= chunk.byteLength; ) {
        const end = chunk.indexOf(newline, start);
        lineBytes += (end === -1 ? chunk.byteLength : end) - start;
        if (lineBytes > maxLineBytes) {
          controller.error(new ResponseTooLargeError(maxLineBytes));
          return;
        }
        if (end === -1) break;
        lineBytes = 0;
        start = end + 1;
      }
      controller.enqueue(chunk);
    },
  });
}
