export { appRouter, createCaller, type AppRouter } from "./root.js";
export { createContextInner, type ApiDependencies, type Context, type RefreshTokenStore, type RequestInfo } from "./context.js";
export { bearerToken } from "./auth/bearer-token.js";
export { describeError, type PublicError } from "./errors/describe-error.js";
export { errorShape, type ErrorShape } from "./errors/error-shape.js";
export { errorTable, type ErrorMapping } from "./errors/error-table.js";
export { maxInputDepth } from "./input/assert-storable-input.js";
export {
  createEventStreamPolicy,
  defaultEventStreamSettings,
  streamPingMilliseconds,
  type EventStreamPolicy,
  type EventStreamSettings,
} from "./subscriptions/event-stream-policy.js";
export type { StreamLimiter } from "./subscriptions/stream-limiter.js";
export { openEventStream, type EventStream, type OpenEventStreamOptions } from "./subscriptions/open-event-stream.js";
export { sessionEventScope } from "./subscriptions/session-event-scope.js";
export { eventsTrimmedError } from "./subscriptions/stream-errors.js";
