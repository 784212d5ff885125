/** A page of a file as text, cut to whole characters, or the sign that the file is not text. */
export type TextPage = { kind: "text"; text: string; start: number; end: number } | { kind: "binary" };

const utf8 = new TextDecoder("utf-8", { fatal: true });

const isContinuation = (byte: number) => (byte & 0xc0) === 0x80;

/** How many bytes a character starting with `lead` takes; 1 for what cannot start one (the decoder then refuses it). */
function sequenceLength(lead: number): number {
  if ((lead & 0xe0) === 0xc0) return 2;
  if ((lead & 0xf0) === 0xe0) return 3;
  if ((lead & 0xf8) === 0xf0) return 4;
  return 1;
}

/** Up to three continuation bytes at the start belong to a character the previous page ended with. */
function leadingContinuations(bytes: Uint8Array): number {
  let skipped = 0;
  while (skipped < 3 && skipped < bytes.length && isContinuation(bytes[skipped] ?? 0)) skipped += 1;
  return skipped;
}

/** The length of `bytes` without a character cut off at the end, which the next page starts with instead. */
function completeLength(bytes: Uint8Array): number {
  let index = bytes.length - 1;
  let continuations = 0;
  while (index >= 0 && continuations < 3 && isContinuation(bytes[index] ?? 0)) {
    index -= 1;
    continuations += 1;
  }
  if (index < 0) return bytes.length;
  return continuations + 1 < sequenceLength(bytes[index] ?? 0) ? index : bytes.length;
}

/**
 * Decodes bytes read at `offset` as UTF-8, moving both ends to character boundaries, so paging by
 * bytes never splits a character. A NUL byte or an invalid sequence means the file is not text.
 */
export function decodeTextPage(bytes: Uint8Array, { offset, atEndOfFile }: { offset: number; atEndOfFile: boolean }): TextPage {
  const skipped = offset > 0 ? leadingContinuations(bytes) : 0;
  const length = atEndOfFile ? bytes.length : completeLength(bytes);
  const page = bytes.subarray(skipped, Math.max(skipped, length));
  if (page.includes(0)) return { kind: "binary" };
  try {
    return { kind: "text", text: utf8.decode(page), start: offset + skipped, end: offset + skipped + page.length };
  } catch {
    return { kind: "binary" };
  }
}
