/** A 0–1000 slider position ↔ a value on a logarithmic scale between lo and hi (0.1×…4×, 1…100/s). */
export function toLogSlider(value: number, lo: number, hi: number): number {
  const v = Math.min(hi, Math.max(lo, value));
  return Math.round((Math.log(v / lo) / Math.log(hi / lo)) * 1000);
}

export function fromLogSlider(position: number, lo: number, hi: number): number {
  return lo * Math.pow(hi / lo, Math.min(1000, Math.max(0, position)) / 1000);
}
