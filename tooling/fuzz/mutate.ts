// Mutations of valid streams for the fuzz harness. Deterministic given the random source,
// so every failing input can be reproduced from its seed and saved as a regression input.

/** A source of random numbers in [0, 1): fast-check's or a seeded generator's. */
export type Random = () => number;

/** A small seeded generator (mulberry32), for the long run outside fast-check. */
export { seededRandom } from "@zfpjs/tooling/testing";

const int = (random: Random, below: number) => Math.floor(random() * below);

/** Kinds of mutation, each a damage real files suffer. */
export const MUTATIONS = [
  "truncate",
  "bit-flips",
  "header-field",
  "random-after-magic",
  "splice-zeros",
  "extend",
] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** Returns a damaged copy of `stream`. */
export function mutate(stream: Uint8Array, kind: Mutation, random: Random): Uint8Array {
  switch (kind) {
    case "truncate":
      return stream.slice(0, int(random, stream.length));
    case "bit-flips": {
      const out = stream.slice();
      const flips = 1 + int(random, 8);
      for (let i = 0; i < flips && out.length > 0; i++) {
        const bit = int(random, out.length * 8);
        out[bit >> 3]! ^= 1 << (bit & 7);
      }
      return out;
    }
    case "header-field": {
      // Rewrites one byte of the first 19 (the 148 bits of a long header) with a random value.
      const out = stream.slice();
      if (out.length > 0) out[int(random, Math.min(19, out.length))] = int(random, 256);
      return out;
    }
    case "random-after-magic": {
      const out = new Uint8Array(4 + int(random, 64));
      out.set([0x7a, 0x66, 0x70, 0x05]);
      for (let i = 4; i < out.length; i++) out[i] = int(random, 256);
      return out;
    }
    case "splice-zeros": {
      const at = int(random, stream.length + 1);
      const zeros = 1 + int(random, 16);
      const out = new Uint8Array(stream.length + zeros);
      out.set(stream.subarray(0, at));
      out.set(stream.subarray(at), at + zeros);
      return out;
    }
    case "extend": {
      const out = new Uint8Array(stream.length + 1 + int(random, 32));
      out.set(stream);
      for (let i = stream.length; i < out.length; i++) out[i] = int(random, 256);
      return out;
    }
  }
}
