import { z } from "zod";

export const uuid = z.uuid({ message: "must be a UUID" });

/** Dates leave the server as ISO-8601 strings, in tRPC and REST alike. */
export const isoDate = z.date().transform((date) => date.toISOString());

export const maxPageSize = 100;

export const pagination = {
  limit: z.number().int().min(1).max(maxPageSize).default(20),
  offset: z.number().int().min(0).max(1_000_000).default(0),
};

export const projectScope = { projectId: uuid };
