/**
 * Small fast seeded PRNG (mulberry32): deterministic across platforms, returns floats in [0, 1). One copy for
 * the B2B engine and its variant generator, the demo data and the benchmarks' data generators.
 */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
