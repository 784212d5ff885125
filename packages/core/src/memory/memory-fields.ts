import type { MemoryMetadata } from "./memory-store.js";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Memory ids are UUIDs in both stores; anything else cannot name a memory (and both backends reject it loudly). */
export const isMemoryId = (value: string): boolean => uuidPattern.test(value);

/** Metadata is stored as JSON; a stored value that is not an object reads back as none. */
export function toMetadata(value: unknown): MemoryMetadata {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as MemoryMetadata) : {};
}
