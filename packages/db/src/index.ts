export { createDatabase, queryRows, type Database, type CreateDatabaseOptions } from "./client.js";
export { migrate, defaultMigrationsDirectory, type MigrateOptions, type MigrateResult } from "./migrate.js";
export { Prisma, AgentStatus, MessageRole } from "./generated/prisma/client.js";
