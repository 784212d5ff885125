export { createTestDatabase, testDatabaseAdminUrl, type TestDatabase } from "./test-database.js";
