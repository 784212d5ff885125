export * from "./common.js";
export * from "./auth.js";
export * from "./projects.js";
export * from "./agents.js";
export * from "./tools.js";
export * from "./sessions.js";
export * from "./messages.js";
