import { useMutation } from "@tanstack/react-query";
import { registerInput } from "@codelab/contracts";
import { useTRPC } from "../trpc/trpc.js";
import { CredentialsForm } from "./credentials-form.js";
import { useSession } from "./session-context.js";

export function SignUpForm() {
  const trpc = useTRPC();
  const session = useSession();
  const signUp = useMutation(
    trpc.auth.register.mutationOptions({ onSuccess: (tokens) => session.start(tokens), meta: { inlineErrors: true } }),
  );
  return (
    <CredentialsForm
      schema={registerInput}
      onSubmit={(input) => signUp.mutate(input)}
      pending={signUp.isPending}
      error={signUp.error}
      variant="sign-up"
      submitLabel="Create account"
      pendingLabel="Creating account…"
    />
  );
}
