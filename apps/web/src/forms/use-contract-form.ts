import { useState, type FormEvent } from "react";
import type { z } from "zod";
import { validate, type FieldErrors } from "./validate.js";

function focusField(form: HTMLFormElement, name: string | undefined): void {
  const field = name ? form.elements.namedItem(name) : null;
  if (field instanceof HTMLElement) field.focus();
}

/**
 * Validates a form against its contract schema (the one the server applies) on submit. The first
 * invalid field takes focus, so keyboard and screen-reader users land on the problem; from then on
 * the messages follow the values as they are corrected.
 */
export function useContractForm<Schema extends z.ZodType>(
  schema: Schema,
  { values, onValid }: { values: unknown; onValid: (data: z.output<Schema>) => void },
) {
  const [attempted, setAttempted] = useState(false);
  const current = attempted ? validate(schema, values) : undefined;
  const errors: FieldErrors = current && !current.ok ? current.errors : {};

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempted(true);
    const result = validate(schema, values);
    if (!result.ok) {
      focusField(event.currentTarget, Object.keys(result.errors)[0]);
      return;
    }
    onValid(result.data);
  }

  return { errors, handleSubmit };
}
