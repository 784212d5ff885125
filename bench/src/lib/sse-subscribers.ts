import { Agent, get, type IncomingMessage } from "node:http";

/** One open event stream, as the bench reads it: only ids are looked at, so parsing costs the bench little. */
interface Subscriber {
  /** Typed events (frames with an id) since the last `startCounting()`. */
  count: number;
  lastId: string;
  lastMilliseconds: number;
  lastSequence: number;
  outOfOrder: number;
  pending: string;
  response: IncomingMessage | undefined;
}

export interface Subscribers {
  /** Per subscriber, in the order of the URLs. */
  counts(): number[];
  lastIds(): string[];
  /** Events that arrived with an id not above the previous one (a repeat or a reordering). */
  outOfOrder(): number;
  /** Streams that broke or were ended by the server before `close()`. */
  droppedStreams(): number;
  /** Milliseconds from publish (the time in the event id) to arrival, for every event since `startCounting()`. */
  latencies: number[];
  /** When the last event arrived (Date.now()). */
  lastArrival(): number;
  /** Forgets what has arrived so far: measuring starts here. */
  startCounting(): void;
  /** Resolves true once `condition` holds, false after the timeout. */
  waitUntil(condition: () => boolean, timeoutMilliseconds: number): Promise<boolean>;
  close(): void;
}

/**
 * Opens one event stream per URL from this process (the servers run in others). Event ids are
 * `<publish milliseconds>-<sequence>` for every target, which gives both the order check and the
 * delivery latency without parsing the JSON.
 */
export async function openSubscribers(urls: readonly string[], headers: Record<string, string>): Promise<Subscribers> {
  const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const subscribers: Subscriber[] = urls.map(() => ({
    count: 0,
    lastId: "",
    lastMilliseconds: 0,
    lastSequence: -1,
    outOfOrder: 0,
    pending: "",
    response: undefined,
  }));
  let latencies: number[] = [];
  let lastArrival = 0;
  let droppedStreams = 0;
  let closed = false;

  function readFrame(subscriber: Subscriber, frame: string, now: number): void {
    let start = frame.startsWith("id: ") ? 4 : frame.indexOf("\nid: ");
    if (start === -1) return;
    if (start !== 4) start += 5;
    const end = frame.indexOf("\n", start);
    const id = frame.slice(start, end === -1 ? undefined : end);
    const dash = id.indexOf("-");
    const milliseconds = Number(id.slice(0, dash));
    const sequence = Number(id.slice(dash + 1));
    if (milliseconds < subscriber.lastMilliseconds || (milliseconds === subscriber.lastMilliseconds && sequence <= subscriber.lastSequence)) {
      subscriber.outOfOrder += 1;
    }
    subscriber.lastMilliseconds = milliseconds;
    subscriber.lastSequence = sequence;
    subscriber.lastId = id;
    subscriber.count += 1;
    latencies.push(now - milliseconds);
  }

  function read(subscriber: Subscriber, chunk: string): void {
    const now = Date.now();
    lastArrival = now;
    const text = subscriber.pending + chunk;
    let position = 0;
    for (let end = text.indexOf("\n\n"); end !== -1; end = text.indexOf("\n\n", position)) {
      readFrame(subscriber, text.slice(position, end), now);
      position = end + 2;
    }
    subscriber.pending = text.slice(position);
  }

  await Promise.all(
    urls.map(
      (url, index) =>
        new Promise<void>((resolve, reject) => {
          const subscriber = subscribers[index]!;
          const request = get(url, { agent, headers: { accept: "text/event-stream", ...headers } }, (response) => {
            if (response.statusCode !== 200) {
              response.resume();
              reject(new Error(`${url} answered ${response.statusCode}`));
              return;
            }
            subscriber.response = response;
            response.setEncoding("utf8");
            response.on("data", (chunk: string) => read(subscriber, chunk));
            // A dropped stream means lost events for a bench that never resumes: counted and reported.
            const dropped = () => {
              if (!closed) droppedStreams += 1;
            };
            response.on("error", dropped);
            response.on("end", dropped);
            resolve();
          });
          request.on("error", reject);
        }),
    ),
  );

  return {
    counts: () => subscribers.map((subscriber) => subscriber.count),
    lastIds: () => subscribers.map((subscriber) => subscriber.lastId),
    outOfOrder: () => subscribers.reduce((sum, subscriber) => sum + subscriber.outOfOrder, 0),
    droppedStreams: () => droppedStreams,
    get latencies() {
      return latencies;
    },
    lastArrival: () => lastArrival,
    startCounting() {
      latencies = [];
      for (const subscriber of subscribers) {
        subscriber.count = 0;
        subscriber.outOfOrder = 0;
      }
    },
    async waitUntil(condition, timeoutMilliseconds) {
      const deadline = Date.now() + timeoutMilliseconds;
      while (!condition()) {
        if (Date.now() > deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return true;
    },
    close() {
      closed = true;
      for (const subscriber of subscribers) subscriber.response?.destroy();
      agent.destroy();
    },
  };
}
