import { useState, type FormEvent } from "react";
import type { z } from "zod";
import { validate, type FieldErrors } from "./validate.js";

function focusField(form: HTMLFormElement, name: string | undefined): void {
  const field = name ? form.elements.namedItem(name) : null;
  if (field instanceof HTMLElement) field.focus();
}

/**
 * Validates a form against its contract schema (the one the server applies) on submit. The first
 * invalid field takes focus, so keyboard and screen-reader users land on the problem.
 */
export function useContractForm<Schema extends z.ZodType>(
  schema: Schema,
  { values, onValid }: { values: unknown; onValid: (data: z.output<Schema>) => void },
) {
  const [errors, setErrors] = useState<FieldErrors>({});

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(schema, values);
    if (!result.ok) {
      setErrors(result.errors);
      focusField(event.currentTarget, Object.keys(result.errors)[0]);
      return;
    }
    setErrors({});
    onValid(result.data);
  }

  return { errors, handleSubmit };
}
