// The real CodeLab server (tRPC, REST adapter and all middleware), configured as in production.
import { startServer } from "../../../apps/server/src/server.ts";
import { runServerChild } from "../lib/server-child.js";
import { productionConfig } from "./production-config.js";

await runServerChild((options) => startServer(productionConfig(options)));
