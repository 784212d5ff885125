export { createFixedClock, type FixedClock } from "./fixed-clock.js";
export { seedUser, type SeededUser } from "./seed-user.js";
export { randomUnitVectors, bruteForceTopK } from "../memory/testing/vectors.js";
export { startFakeQdrantServer, type FakeQdrantServer, type FakeQdrantRequest } from "../memory/testing/fake-qdrant-server.js";
export { insertExecutingPlan, testTaskDescription, testTaskOf, type PlanOwner, type TestTask } from "../orchestrator/execution/testing/insert-executing-plan.js";
export { hostilePaths, harmlessPaths, type HostilePath } from "../workspace/testing/traversal-corpus.js";
export { diskTree } from "../workspace/testing/disk-tree.js";
export { createTestToolRuntime, type TestToolRuntimeOptions } from "../tools/test-tool-runtime.js";
export { deleteKeysWithPrefix } from "./delete-keys-with-prefix.js";
