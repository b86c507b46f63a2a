// Draws keyed by the platform's held-out secret. Unlike the seeded generator (32-bit state, seeds
// published in assignment.yaml), these cannot be reproduced, or searched for against a published
// held-out sha256, without the secret: every draw is an HMAC-SHA256 of the secret.
import { createHmac } from "node:crypto";

/** Bytes of a digest read as one sort key: 48 bits, exact in a double. */
const SORT_KEY_BYTES = 6;

/**
 * A permutation of 0..n-1: the indices ordered by HMAC-SHA256(secret, context, index). The same
 * secret and context always give the same order; without the secret the order is unpredictable.
 */
export function keyedPermutation(n: number, secret: Buffer, context: string): Int32Array {
  const keys = new Float64Array(n);
  const prefix = Buffer.from(`${context}\0`, "utf8");
  const index = Buffer.alloc(4);
  for (let i = 0; i < n; i++) {
    index.writeUInt32BE(i);
    keys[i] = createHmac("sha256", secret).update(prefix).update(index).digest().readUIntBE(0, SORT_KEY_BYTES);
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  // Equal 48-bit keys are all but impossible; the index makes even those order the same every time.
  return order.sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b);
}

/** Uniform floats in [0, 1): HMAC-SHA256(secret, context, block counter), 8 draws of 32 bits per block. */
export function keyedUniform(secret: Buffer, context: string): () => number {
  const prefix = Buffer.from(`${context}\0`, "utf8");
  const counter = Buffer.alloc(8);
  let block = 0;
  let digest = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset >= digest.length) {
      counter.writeBigUInt64BE(BigInt(block++));
      digest = createHmac("sha256", secret).update(prefix).update(counter).digest();
      offset = 0;
    }
    const value = digest.readUInt32BE(offset) / 4294967296;
    offset += 4;
    return value;
  };
}
