import { AppError } from "../errors/app-error.js";

/** Scales a vector to unit length in place, so cosine similarity becomes a dot product. A zero vector stays zero. */
export function normalizeInPlace(vector: Float32Array): Float32Array {
  let sumOfSquares = 0;
  for (let index = 0; index < vector.length; index++) sumOfSquares += vector[index]! * vector[index]!;
  if (sumOfSquares === 0) return vector;
  const scale = 1 / Math.sqrt(sumOfSquares);
  for (let index = 0; index < vector.length; index++) vector[index]! *= scale;
  return vector;
}

/** A unit-length copy of a vector that must have the store's dimensions; stores never trust callers to have normalized. */
export function toUnitVector(vector: Float32Array, dimensions: number): Float32Array {
  if (vector.length !== dimensions) {
    throw new AppError("INTERNAL", "A memory vector has the wrong number of dimensions", {
      details: { expected: dimensions, actual: vector.length },
    });
  }
  return normalizeInPlace(Float32Array.from(vector));
}

export function dotProduct(left: Float32Array, right: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < left.length; index++) sum += left[index]! * right[index]!;
  return sum;
}
