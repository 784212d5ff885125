/**
 * The only links a message may carry: absolute http(s) URLs. `javascript:`, `data:`, `vbscript:`,
 * protocol-relative and app-relative URLs are all refused, whatever their spelling or escaping.
 */
export function safeHref(raw: string): string | undefined {
  const trimmed = raw.trim();
  // Browsers strip ASCII tab/newline inside URLs ("java\tscript:"); URL() does too, so check the result.
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  return url.href;
}
