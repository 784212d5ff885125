export interface MeasuredImage {
  blob: Blob;
  /** Intrinsic size, so the page can reserve the image's space before it decodes; 0 when the image has none (an SVG without a size). */
  width: number;
  height: number;
}

/**
 * Decodes the image once to learn its size. Without it, an <img> is 0 px tall until it decodes,
 * and a thread pinned to its bottom jumps whenever an answer with a chart is re-rendered.
 */
export async function measureImage(blob: Blob): Promise<MeasuredImage> {
  const url = URL.createObjectURL(blob);
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return { blob, width: image.naturalWidth, height: image.naturalHeight };
  } catch {
    // Undecodable bytes are still shown (as a broken image) rather than hidden; the size is just unknown.
    return { blob, width: 0, height: 0 };
  } finally {
    URL.revokeObjectURL(url);
  }
}
