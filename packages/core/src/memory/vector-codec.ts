import { endianness } from "node:os";

// Vectors are stored as raw float32 little-endian bytes. Copying bytes is what keeps loading
// 100k vectors cheap, and every platform CodeLab supports is little-endian; refuse the rest
// rather than read garbage.
if (endianness() !== "LE") throw new Error("CodeLab's vector encoding needs a little-endian host");

export function encodeVector(vector: Float32Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(vector.byteLength);
  bytes.set(new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength));
  return bytes;
}

/** Copies, because driver buffers are slices of a larger buffer and rarely 4-byte aligned. */
export function decodeVector(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % Float32Array.BYTES_PER_ELEMENT !== 0) throw new Error(`a float32 vector cannot be ${bytes.byteLength} bytes long`);
  const vector = new Float32Array(bytes.byteLength / Float32Array.BYTES_PER_ELEMENT);
  new Uint8Array(vector.buffer).set(bytes);
  return vector;
}
