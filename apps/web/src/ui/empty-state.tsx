import type { ReactNode } from "react";

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <h1 className="empty-state-title">{title}</h1>
      {children && <p className="empty-state-text">{children}</p>}
      {action}
    </div>
  );
}
