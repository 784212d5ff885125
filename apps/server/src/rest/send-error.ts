import type { Response } from "express";
import { describeError } from "@codelab/api";
import { snakeCaseField } from "./case-conversion.js";

function restDetails(details: Record<string, unknown>): Record<string, unknown> {
  const { fields, ...rest } = details;
  if (!Array.isArray(fields)) return details;
  return {
    ...rest,
    fields: fields.map((entry: { field: string; message: string }) => ({ ...entry, field: snakeCaseField(entry.field) })),
  };
}

/** `{ error: { code, message, details } }` with the status from the shared error table. */
export function sendError(response: Response, error: unknown): void {
  const described = describeError(error);
  const retryAfter = described.details.retryAfterSeconds;
  if (typeof retryAfter === "number") response.setHeader("Retry-After", String(retryAfter));
  response.status(described.httpStatus).json({
    error: { code: described.code, message: described.message, details: restDetails(described.details) },
  });
}
