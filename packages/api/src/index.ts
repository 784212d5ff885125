export { appRouter, createCaller, type AppRouter } from "./root.js";
export { createContextInner, type ApiDependencies, type Context, type RefreshTokenStore, type RequestInfo } from "./context.js";
export { describeError, type PublicError } from "./errors/describe-error.js";
export { errorTable, type ErrorMapping } from "./errors/error-table.js";
export { maxInputDepth } from "./input/assert-storable-input.js";
