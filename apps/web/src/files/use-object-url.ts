import { useEffect, useRef } from "react";

/**
 * Shows `blob` in the <img> the returned ref is attached to, through a blob: URL made for this
 * element and revoked when it goes away or the blob changes. The URL is set on the element
 * directly: kept in state, React's development double-mount would revoke it while still shown.
 */
export function useObjectUrlSource(blob: Blob) {
  const ref = useRef<HTMLImageElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const url = URL.createObjectURL(blob);
    element.src = url;
    return () => URL.revokeObjectURL(url);
  }, [blob]);
  return ref;
}
