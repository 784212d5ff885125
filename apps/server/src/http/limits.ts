/** JSON bodies above this are refused with 413 before any parsing work. */
export const maxBodyBytes = 256 * 1024;

/** The most calls one tRPC batch request may carry (the SDK sends at most this many). */
export const maxTrpcBatchSize = 10;
