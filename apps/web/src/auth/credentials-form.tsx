import { useState } from "react";
import type { z } from "zod";
import { TextField } from "../forms/text-field.js";
import { useContractForm } from "../forms/use-contract-form.js";
import { serverFieldErrors } from "../trpc/error-message.js";
import { ErrorAlert } from "../ui/error-alert.js";
import { SubmitButton } from "../ui/submit-button.js";

export interface CredentialsFormProps<Schema extends z.ZodType> {
  schema: Schema;
  onSubmit: (input: z.output<Schema>) => void;
  pending: boolean;
  error: unknown;
  /** Sign-up asks for a display name and a new password; sign-in for the current one. */
  variant: "sign-in" | "sign-up";
  submitLabel: string;
  pendingLabel: string;
}

export function CredentialsForm<Schema extends z.ZodType>({
  schema,
  onSubmit,
  pending,
  error,
  variant,
  submitLabel,
  pendingLabel,
}: CredentialsFormProps<Schema>) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [username, setUsername] = useState("");
  const isSignUp = variant === "sign-up";
  const values = { email, password, ...(isSignUp && username.trim() ? { username } : {}) };
  const { errors, handleSubmit } = useContractForm(schema, { values, onValid: onSubmit });
  const fromServer = serverFieldErrors(error);
  const fieldError = (name: string) => errors[name] ?? fromServer[name];
  const hasFieldErrorFromServer = Object.keys(fromServer).length > 0;

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      {error !== null && !hasFieldErrorFromServer && <ErrorAlert error={error} />}
      {isSignUp && (
        <TextField
          label="Name"
          name="username"
          value={username}
          onValueChange={setUsername}
          error={fieldError("username")}
          autoComplete="name"
          optional
        />
      )}
      <TextField
        label="Email"
        name="email"
        type="email"
        value={email}
        onValueChange={setEmail}
        error={fieldError("email")}
        autoComplete="email"
        autoFocus
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        value={password}
        onValueChange={setPassword}
        error={fieldError("password")}
        autoComplete={isSignUp ? "new-password" : "current-password"}
        hint={isSignUp ? "At least 8 characters." : undefined}
      />
      <SubmitButton pending={pending} label={submitLabel} pendingLabel={pendingLabel} />
    </form>
  );
}
