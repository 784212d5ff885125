import { useEffect, useRef, type RefObject } from "react";

/** Calls `load` whenever the sentinel at the top of the scroller comes into view. */
export function useLoadOlder(scroller: RefObject<HTMLElement | null>, { enabled, load }: { enabled: boolean; load: () => void }) {
  const sentinel = useRef<HTMLDivElement>(null);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  useEffect(() => {
    const target = sentinel.current;
    if (!enabled || !target) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) loadRef.current();
      },
      { root: scroller.current, rootMargin: "200px 0px 0px 0px" },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [scroller, enabled]);
  return sentinel;
}
