import { useMutation } from "@tanstack/react-query";
import type { SignedInUser } from "../auth/session.js";
import { useSession } from "../auth/session-context.js";
import { Link } from "../navigation/location.js";
import { Brand } from "../ui/brand.js";

export function AppHeader({ user }: { user: SignedInUser }) {
  const session = useSession();
  const signOut = useMutation({ mutationFn: () => session.signOut() });
  return (
    <header className="app-header">
      <Link href="/" className="app-header-home" aria-label="CodeLab home">
        <Brand />
      </Link>
      <div className="app-header-user">
        <span className="avatar" aria-hidden="true">
          {(user.username || user.email).charAt(0).toUpperCase()}
        </span>
        <span className="app-header-email">{user.email}</span>
        <button type="button" className="button button-ghost" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          {signOut.isPending ? "Signing out…" : "Sign out"}
        </button>
      </div>
    </header>
  );
}
