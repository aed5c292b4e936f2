/**
 * RFC 3339 timestamps without the Date global: the engine must not be able to reach the wall clock, so
 * the lint rule bans Date and these two pure conversions (Howard Hinnant's civil-date algorithms) stand in.
 */
export function formatRFC3339(epochSeconds: number): string {
  const s = Math.floor(epochSeconds);
  const days = Math.floor(s / 86400);
  const rem = s - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const hh = Math.floor(rem / 3600);
  const mm = Math.floor((rem % 3600) / 60);
  return `${p(y, 4)}-${p(m)}-${p(d)}T${p(hh)}:${p(mm)}:${p(rem % 60)}Z`;
}

/** Seconds since the epoch for `YYYY-MM-DDTHH:MM:SS(.fff)?(Z|±HH:MM)`; NaN when it is not one. */
export function parseRFC3339(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|z|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m) return NaN;
  const [y, mo, d, hh, mi, ss] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  let offset = 0;
  const tz = m[7]!;
  if (tz !== 'Z' && tz !== 'z') {
    const sign = tz.startsWith('-') ? -1 : 1;
    offset = sign * (Number(tz.slice(1, 3)) * 3600 + Number(tz.slice(4, 6)) * 60);
  }
  return days * 86400 + hh * 3600 + mi * 60 + ss - offset;
}
