/** Why we closed an upstream request ourselves. The SDK ends a stream silently on abort, so the reason is kept here. */
export type StopReason = "cancelled" | "total-timeout" | "connect-timeout" | "idle-timeout" | "output-capped";

interface Stopper {
  readonly signal: AbortSignal;
  readonly reason: StopReason | undefined;
  stop: (reason: StopReason) => void;
}

function createStopper(): Stopper {
  const controller = new AbortController();
  let reason: StopReason | undefined;
  return {
    signal: controller.signal,
    get reason() {
      return reason;
    },
    stop(why) {
      if (reason) return;
      reason = why;
      controller.abort();
    },
  };
}

/** The whole call: the caller's cancellation and the total timeout, which spans every attempt and backoff. */
export interface CallScope extends Stopper {
  remainingMs(): number;
  dispose(): void;
}

export function startCallScope({ signal, totalMs }: { signal: AbortSignal | undefined; totalMs: number }): CallScope {
  const stopper = createStopper();
  const deadline = performance.now() + totalMs;
  const totalTimer = setTimeout(() => stopper.stop("total-timeout"), totalMs);
  const cancel = () => stopper.stop("cancelled");
  if (signal?.aborted) cancel();
  else signal?.addEventListener("abort", cancel, { once: true });
  return {
    signal: stopper.signal,
    get reason() {
      return stopper.reason;
    },
    stop: stopper.stop,
    remainingMs: () => Math.max(0, deadline - performance.now()),
    dispose() {
      clearTimeout(totalTimer);
      signal?.removeEventListener("abort", cancel);
    },
  };
}

/** One upstream request: stopped by its call, by the connect or idle timer, or on purpose (output cap). */
export interface AttemptScope extends Stopper {
  /** Arms the connect timer: the provider must start answering in time. */
  awaitFirstByte(): void;
  /** Re-arms the idle timer: the next chunk must come in time. */
  chunkReceived(): void;
  dispose(): void;
}

export function startAttemptScope(call: CallScope, { connectMs, idleMs }: { connectMs: number; idleMs: number }): AttemptScope {
  const stopper = createStopper();
  let timer: NodeJS.Timeout | undefined;
  const arm = (milliseconds: number, reason: StopReason) => {
    clearTimeout(timer);
    timer = setTimeout(() => stopper.stop(reason), milliseconds);
  };
  const followCall = () => stopper.stop(call.reason ?? "cancelled");
  if (call.signal.aborted) followCall();
  else call.signal.addEventListener("abort", followCall, { once: true });
  return {
    signal: stopper.signal,
    get reason() {
      return stopper.reason;
    },
    stop: stopper.stop,
    awaitFirstByte: () => arm(connectMs, "connect-timeout"),
    chunkReceived: () => arm(idleMs, "idle-timeout"),
    dispose() {
      clearTimeout(timer);
      call.signal.removeEventListener("abort", followCall);
    },
  };
}

/** Resolves after `milliseconds`, or as soon as `signal` aborts; the caller then checks why. */
export function pauseUnlessStopped(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", finish);
      resolve();
    };
    const timer = setTimeout(finish, milliseconds);
    signal?.addEventListener("abort", finish, { once: true });
  });
}
