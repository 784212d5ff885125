import type { Suite } from "../lib/suite.js";
import { directCallSuite } from "./direct-call.js";
import { memorySearchSuite } from "./memory-search.js";
import { planExecutionSuite } from "./plan-execution.js";
import { projectListSuite } from "./project-list.js";
import { sandboxSuite } from "./sandbox.js";
import { streamingSuite } from "./streaming.js";

/** Every benchmark `npm run bench` knows, in the order a full run executes them. */
export const suites: Suite[] = [projectListSuite, memorySearchSuite, directCallSuite, streamingSuite, planExecutionSuite, sandboxSuite];
