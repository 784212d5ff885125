export type ToastTone = "error" | "success" | "info";

export interface Toast {
  id: number;
  tone: ToastTone;
  message: string;
}

const visibleForMs: Record<ToastTone, number> = { error: 8_000, success: 4_000, info: 5_000 };

/** The toasts on screen: an external store, so code outside React (the query client) can raise them. */
export class ToastStore {
  #toasts: readonly Toast[] = [];
  #nextId = 1;
  readonly #listeners = new Set<() => void>();

  readonly getToasts = (): readonly Toast[] => this.#toasts;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  show(tone: ToastTone, message: string): number {
    const id = this.#nextId++;
    // The same failure reported twice in a row (a retried call) shows once.
    const last = this.#toasts.at(-1);
    if (last && last.tone === tone && last.message === message) return last.id;
    this.#set([...this.#toasts, { id, tone, message }].slice(-4));
    setTimeout(() => this.dismiss(id), visibleForMs[tone]);
    return id;
  }

  dismiss(id: number): void {
    if (this.#toasts.some((toast) => toast.id === id)) this.#set(this.#toasts.filter((toast) => toast.id !== id));
  }

  #set(toasts: readonly Toast[]): void {
    this.#toasts = toasts;
    for (const listener of this.#listeners) listener();
  }
}
