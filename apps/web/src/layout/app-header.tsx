import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { SignedInUser } from "../auth/session.js";
import { useSession } from "../auth/session-context.js";
import { Link } from "../navigation/location.js";
import { SpendingDialog } from "../settings/spending-dialog.js";
import { Brand } from "../ui/brand.js";

export interface AppHeaderProps {
  user: SignedInUser;
  /** Phones show the projects list on demand; the button is hidden at wider widths. */
  projectsOpen: boolean;
  onToggleProjects: () => void;
}

export function AppHeader({ user, projectsOpen, onToggleProjects }: AppHeaderProps) {
  const session = useSession();
  const signOut = useMutation({ mutationFn: () => session.signOut() });
  const [spendingOpen, setSpendingOpen] = useState(false);
  return (
    <header className="app-header">
      <div className="app-header-start">
        <button
          type="button"
          className="icon-button menu-button"
          aria-label="Projects"
          aria-expanded={projectsOpen}
          aria-controls="projects-sidebar"
          onClick={onToggleProjects}
        >
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <path d="M2.5 4h11M2.5 8h11M2.5 12h11" />
          </svg>
        </button>
        <Link href="/" className="app-header-home" aria-label="CodeLab home">
          <Brand />
        </Link>
      </div>
      <div className="app-header-user">
        <span className="avatar" aria-hidden="true">
          {(user.username || user.email).charAt(0).toUpperCase()}
        </span>
        <span className="app-header-email">{user.email}</span>
        <button type="button" className="button button-ghost" onClick={() => setSpendingOpen(true)}>
          Limits
        </button>
        <button type="button" className="button button-ghost" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          {signOut.isPending ? "Signing out…" : "Sign out"}
        </button>
      </div>
      {spendingOpen && <SpendingDialog onClose={() => setSpendingOpen(false)} />}
    </header>
  );
}
