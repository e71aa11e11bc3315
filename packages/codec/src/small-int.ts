/**
 * An integer in int32 range as an int32, which V8 keeps as a small integer (Smi); anything else
 * unchanged. Numbers computed in doubles (a header's 52-bit fields, rate mode's budgets) arrive as
 * heap numbers even when integral: stored in objects, they change the fields' representation
 * (a new hidden class, "wrong map" deopts in code compiled against the old one); used as indices,
 * they deoptimize the block loops ("not a Smi"), which then run on doubles.
 */
export function smallInt(v: number): number {
  return (v | 0) === v ? v | 0 : v;
}
