export { startTestServer, testRedisUrl, type TestServer, type StartTestServerOptions } from "./start-test-server.js";
export { spawnServerProcess, type ServerProcess } from "./spawn-server-process.js";
export { signUp, type SignedUpUser } from "./sign-up.js";
export { createRestClient, type RestClient, type RestMethod, type RestRequestOptions, type RestResponse } from "./rest-client.js";
export type { RestAgent, RestError, RestMessage, RestProject, RestSession } from "./rest-shapes.js";
export { snapshotRows } from "./snapshot-rows.js";
export { malformedInputs, malformedPages, type InputObject, type MalformedInput } from "./malformed-inputs.js";
export { trpcFailureOf, type TrpcFailure } from "./trpc-failure.js";
