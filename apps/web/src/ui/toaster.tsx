import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";
import type { ToastStore } from "./toast-store.js";

const ToastContext = createContext<ToastStore | undefined>(undefined);

export function ToastProvider({ store, children }: { store: ToastStore; children: ReactNode }) {
  return <ToastContext.Provider value={store}>{children}</ToastContext.Provider>;
}

export function useToasts(): ToastStore {
  const store = useContext(ToastContext);
  if (!store) throw new Error("useToasts must be used inside <ToastProvider>");
  return store;
}

/** Errors interrupt screen readers (role=alert); confirmations wait their turn (role=status). */
export function Toaster() {
  const store = useToasts();
  const toasts = useSyncExternalStore(store.subscribe, store.getToasts);
  return (
    <div className="toaster" aria-label="Notifications">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.tone}`} role={toast.tone === "error" ? "alert" : "status"}>
          <span className="toast-message">{toast.message}</span>
          <button type="button" className="icon-button" aria-label="Dismiss notification" onClick={() => store.dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
