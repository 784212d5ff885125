import { useMutation } from "@tanstack/react-query";
import { loginInput } from "@codelab/contracts";
import { useTRPC } from "../trpc/trpc.js";
import { CredentialsForm } from "./credentials-form.js";
import { useSession } from "./session-context.js";

export function SignInForm() {
  const trpc = useTRPC();
  const session = useSession();
  const signIn = useMutation(
    trpc.auth.login.mutationOptions({ onSuccess: (tokens) => session.start(tokens), meta: { inlineErrors: true } }),
  );
  return (
    <CredentialsForm
      schema={loginInput}
      onSubmit={(input) => signIn.mutate(input)}
      pending={signIn.isPending}
      error={signIn.error}
      variant="sign-in"
      submitLabel="Sign in"
      pendingLabel="Signing in…"
    />
  );
}
