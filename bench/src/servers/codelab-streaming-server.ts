// The real CodeLab server, configured as in production, with a bench-only way to publish into its
// event bus (the product server has no such endpoint).
import { runServerChild } from "../lib/server-child.js";
import { startProductionServer } from "./production-server.js";
import { createStreamingControl } from "./streaming-control.js";

await runServerChild(async (options) => {
  const production = await startProductionServer(options);
  return { ...production, control: createStreamingControl((session, event) => production.server.deps.events.publish(session, event)) };
});
