import { useLayoutEffect, useRef } from "react";
import { followsAfterScroll } from "./scroll-follow.js";

/**
 * Keeps a scrolling log where the reader expects it: pinned to the bottom while new content
 * arrives (unless they scrolled up to read), and steady when older content is added on top.
 */
export function useScrollAnchor({ firstKey, contentKey }: { firstKey: string | undefined; contentKey: string }) {
  const scroller = useRef<HTMLDivElement>(null);
  const wasNearBottom = useRef(true);
  const previous = useRef({ firstKey, scrollHeight: 0 });
  /**
   * Where the log last saw itself: after its own scrolls, and after content changes it saw (which
   * may have clamped the position), so a scroll event only reports what happened since.
   */
  const knownTop = useRef(0);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const onScroll = () => {
      const distanceFromBottom = element.scrollHeight - element.scrollTop - element.clientHeight;
      wasNearBottom.current = followsAfterScroll(wasNearBottom.current, { fromTop: knownTop.current, toTop: element.scrollTop, distanceFromBottom });
      knownTop.current = element.scrollTop;
    };
    element.addEventListener("scroll", onScroll, { passive: true });
    // Content also grows without a render of ours (a chart image decoding after it was fetched).
    const growth = new ResizeObserver(() => {
      if (wasNearBottom.current) element.scrollTop = element.scrollHeight;
      knownTop.current = element.scrollTop;
    });
    if (element.firstElementChild) growth.observe(element.firstElementChild);
    return () => {
      element.removeEventListener("scroll", onScroll);
      growth.disconnect();
    };
  }, []);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const prepended = previous.current.firstKey !== undefined && firstKey !== previous.current.firstKey;
    if (prepended && !wasNearBottom.current) {
      element.scrollTop += element.scrollHeight - previous.current.scrollHeight;
    } else if (wasNearBottom.current) {
      element.scrollTop = element.scrollHeight;
    }
    knownTop.current = element.scrollTop;
    previous.current = { firstKey, scrollHeight: element.scrollHeight };
  }, [firstKey, contentKey]);

  return {
    scroller,
    /** After the user sends, follow the conversation again even if they had scrolled up. */
    stickToBottom: () => {
      wasNearBottom.current = true;
    },
  };
}
