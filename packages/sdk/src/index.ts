import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@codelab/api";

export { createCodelabClient, maxBatchSize, type CodelabClient, type CodelabClientOptions, type EventSourceConstructor } from "./client.js";
export { TRPCClientError } from "@trpc/client";
export type { AppRouter };

/** Input and output types of every procedure, e.g. `RouterOutputs["projects"]["create"]`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
