import { AppError } from "../errors/app-error.js";

export const agentNotFound = () => new AppError("AGENT_NOT_FOUND", "Agent not found");

export const agentNameTaken = (name: string) =>
  new AppError("AGENT_NAME_TAKEN", `An agent named "${name}" already exists in this project`, {
    details: { field: "name", name },
  });
