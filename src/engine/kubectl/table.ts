/**
 * kubectl's printers write through a tabwriter with minwidth 0, tabwidth 4 (unused), padding 3 and ' '
 * padding: every column but the last is padded to its widest cell plus 3 spaces.
 */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd((widths[i] ?? 0) + 3)))
      .join('')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** k8s.io/apimachinery/pkg/util/duration.HumanDuration, as the AGE column prints it. */
export function humanDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60 * 2) return `${s}s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 10) {
    const rem = s % 60;
    return rem === 0 ? `${minutes}m` : `${minutes}m${rem}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(s / 3600);
  if (hours < 8) {
    const rem = minutes % 60;
    return rem === 0 ? `${hours}h` : `${hours}h${rem}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const rem = hours % 24;
    return rem === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${rem}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.floor(hours / 24);
    const dy = days % 365;
    return dy === 0 ? `${Math.floor(days / 365)}y` : `${Math.floor(days / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}
