import autocannon from "autocannon";

export interface LoadTarget {
  name: string;
  url: string;
  headers: Record<string, string>;
}

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  /** Ends the run early (Ctrl-C); the caller decides whether a partial result means anything. */
  signal: AbortSignal;
}

export interface LoadResult {
  /** Completed requests, whatever their status. */
  requests: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
}

function autocannonRun(options: autocannon.Options, signal: AbortSignal): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const stop = () => instance.stop();
    const instance = autocannon(options, (error: Error | null, result) => {
      signal.removeEventListener("abort", stop);
      if (error) reject(error);
      else resolve(result);
    });
    signal.addEventListener("abort", stop, { once: true });
  });
}

/** One autocannon run from this process; the servers under test live in other processes. */
export async function runLoad(target: LoadTarget, { connections, durationSeconds, signal }: LoadOptions): Promise<LoadResult> {
  const result = await autocannonRun({ url: target.url, headers: target.headers, connections, duration: durationSeconds }, signal);
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}
