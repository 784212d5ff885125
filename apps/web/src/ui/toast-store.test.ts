import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ToastStore } from "./toast-store.js";

describe("ToastStore", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("shows a toast and hides it after a while", () => {
    const store = new ToastStore();
    store.show("success", "Saved");
    expect(store.getToasts().map((toast) => toast.message)).toEqual(["Saved"]);
    vi.advanceTimersByTime(4_001);
    expect(store.getToasts()).toEqual([]);
  });

  it("keeps errors on screen longer than confirmations", () => {
    const store = new ToastStore();
    store.show("error", "Project not found");
    vi.advanceTimersByTime(4_001);
    expect(store.getToasts()).toHaveLength(1);
  });

  it("shows a repeated message once", () => {
    const store = new ToastStore();
    const first = store.show("error", "Offline");
    expect(store.show("error", "Offline")).toBe(first);
    expect(store.getToasts()).toHaveLength(1);
  });

  it("tells subscribers about every change and dismisses on demand", () => {
    const store = new ToastStore();
    const listener = vi.fn();
    store.subscribe(listener);
    const id = store.show("info", "Hello");
    store.dismiss(id);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(store.getToasts()).toEqual([]);
  });
});
