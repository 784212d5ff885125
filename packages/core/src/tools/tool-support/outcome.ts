/**
 * The result of a step that can fail because of what the model sent (bad JSON, a ragged CSV).
 * Those failures are answers for the model to correct, not exceptions, so they travel as values.
 */
export type Outcome<Value> = { ok: true; value: Value } | { ok: false; message: string };

export function succeed<Value>(value: Value): Outcome<Value> {
  return { ok: true, value };
}

export function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
