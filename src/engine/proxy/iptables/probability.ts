/**
 * computeProbability from pkg/proxy/iptables/proxier.go: fmt.Sprintf("%0.10f", 1.0/float64(n)).
 * Go formats the exact binary value and rounds half to even; JavaScript's toFixed rounds exact ties up
 * (1/2048 = 0.00048828125 differs), so the decimal expansion is done here with BigInt.
 */

/** Formats a finite non-negative double with `digits` decimals like Go's %.<digits>f. */
export function formatFixedGo(x: number, digits: number): string {
  if (!Number.isFinite(x) || x < 0) return x.toFixed(digits);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const expBits = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  // x = m * 2^e exactly
  const m = expBits === 0 ? frac : frac | (1n << 52n);
  const e = expBits === 0 ? -1074 : expBits - 1075;
  let num = m * 10n ** BigInt(digits);
  let den = 1n;
  if (e >= 0) num <<= BigInt(e);
  else den <<= BigInt(-e);
  let q = num / den;
  const twiceR = (num % den) * 2n;
  if (twiceR > den || (twiceR === den && q % 2n === 1n)) q += 1n;
  const s = q.toString().padStart(digits + 1, '0');
  return digits === 0 ? s : `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

const probabilities = new Map<number, string>();

/** `--probability` value of the rule for the i-th of n remaining endpoints: 1/n with 10 decimals. */
export function computeProbability(n: number): string {
  // The BigInt expansion is dear and every Service with n endpoints asks for the same n values.
  let p = probabilities.get(n);
  if (p === undefined) {
    p = formatFixedGo(1 / n, 10);
    if (probabilities.size < 10_000) probabilities.set(n, p);
  }
  return p;
}
