/**
 * A deterministic stand-in for an embedding model: hashed bag of words, L2-normalized.
 * Texts that share words get a higher cosine similarity, so retrieval tests through the real
 * `/embeddings` path still find the fact that mentions the asked-about words.
 */
export function embedText(text: string, dimensions: number): Float32Array {
  const vector = new Float32Array(dimensions);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const hash = fnv1a(word);
    const sign = hash & 1 ? 1 : -1;
    const index = (hash >>> 1) % dimensions;
    vector[index] = (vector[index] ?? 0) + sign;
  }
  const norm = Math.hypot(...vector);
  if (norm === 0) {
    // An input without words still gets a valid unit vector.
    vector[0] = 1;
    return vector;
  }
  return vector.map((value) => value / norm);
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
