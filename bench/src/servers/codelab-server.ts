// The real CodeLab server (tRPC, REST adapter and all middleware), configured as in production.
import { runServerChild } from "../lib/server-child.js";
import { startProductionServer } from "./production-server.js";

await runServerChild(startProductionServer);
