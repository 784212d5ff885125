import type { Suite } from "../lib/suite.js";
import { memorySearchSuite } from "./memory-search.js";
import { projectListSuite } from "./project-list.js";

/** Every benchmark `npm run bench` knows, in the order a full run executes them. */
export const suites: Suite[] = [projectListSuite, memorySearchSuite];
