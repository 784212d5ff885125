import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc/trpc.js";
import { Dialog } from "../ui/dialog.js";
import { ErrorAlert } from "../ui/error-alert.js";
import { SpendingForm } from "./spending-form.js";

/** When the orchestrator asks before spending, and how much a day may cost. */
export function SpendingDialog({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.settings.get.queryOptions());
  return (
    <Dialog title="Spending limits" description="These apply to all your projects." onClose={onClose}>
      {settings.isPending ? (
        <div aria-busy="true" aria-label="Loading settings">
          <span className="skeleton skeleton-row" />
          <span className="skeleton skeleton-row" />
        </div>
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SpendingForm settings={settings.data} onDone={onClose} />
      )}
    </Dialog>
  );
}
