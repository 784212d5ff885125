export { startTestServer, testRedisUrl, type TestServer, type StartTestServerOptions } from "./start-test-server.js";
