import { dotProduct, normalizeInPlace } from "../vector-math.js";

/** mulberry32: a tiny seeded generator, so a failing vector test can be replayed exactly. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Unit vectors spread over the whole sphere (Gaussian components, normalized). */
export function randomUnitVectors(count: number, dimensions: number, seed: number): Float32Array[] {
  const random = seededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Array.from({ length: count }, () => normalizeInPlace(Float32Array.from({ length: dimensions }, gaussian)));
}

/** The reference answer for exact search: score everything, sort, cut. Deliberately naive. */
export function bruteForceTopK(vectors: readonly Float32Array[], query: Float32Array, limit: number): { index: number; score: number }[] {
  return vectors
    .map((vector, index) => ({ index, score: dotProduct(vector, query) }))
    .sort((left, right) => right.score - left.score)
    .slice(0, limit);
}
