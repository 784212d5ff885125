import { QueryClientProvider } from "@tanstack/react-query";
import { AuthScreen } from "../auth/auth-screen.js";
import { SessionProvider, useSessionState } from "../auth/session-context.js";
import { Workspace } from "../projects/workspace.js";
import { TRPCProvider } from "../trpc/trpc.js";
import { PageLoader } from "../ui/page-loader.js";
import { ToastProvider, Toaster } from "../ui/toaster.js";
import type { AppServices } from "./create-app-services.js";

function Screens() {
  const state = useSessionState();
  switch (state.status) {
    case "restoring":
      return <PageLoader label="Loading CodeLab…" />;
    case "signed-out":
      return <AuthScreen notice={state.notice} />;
    case "signed-in":
      return <Workspace user={state.user} />;
  }
}

export function App({ services }: { services: AppServices }) {
  return (
    <QueryClientProvider client={services.queryClient}>
      <TRPCProvider trpcClient={services.trpcClient} queryClient={services.queryClient}>
        <SessionProvider session={services.session}>
          <ToastProvider store={services.toasts}>
            <Screens />
            <Toaster />
          </ToastProvider>
        </SessionProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
