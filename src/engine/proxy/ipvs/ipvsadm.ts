/**
 * `ipvsadm -Ln` as ipvsadm.c prints it (print_title, print_service_entry): the header, one line per
 * virtual server (`TCP  10.96.0.10:53 rr` plus ` persistent 10800` for ClientIP affinity) and one line per
 * real server (`  -> %-28s %-7s %-6d %-10u %-10u`).
 */
import type { IpvsRealServer, IpvsVirtualServer } from '../types.ts';

export const IPVSADM_HEADER = [
  'IP Virtual Server version 1.2.1 (size=4096)',
  'Prot LocalAddress:Port Scheduler Flags',
  '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
];

export function virtualServerLine(vs: IpvsVirtualServer): string {
  let line = `${vs.protocol}  ${vs.ip}:${vs.port} ${vs.scheduler}`;
  if (vs.persistentTimeout !== undefined) line += ` persistent ${vs.persistentTimeout}`;
  return line;
}

export function realServerLine(rs: IpvsRealServer): string {
  const col = (s: string | number, w: number) => String(s).padEnd(w, ' ');
  return `  -> ${col(`${rs.ip}:${rs.port}`, 28)} ${col(rs.forward, 7)} ${col(rs.weight, 6)} ${col(rs.activeConn, 10)} ${col(rs.inActConn, 10)}`;
}

export function renderIpvsadm(list: readonly IpvsVirtualServer[]): string {
  const lines = [...IPVSADM_HEADER];
  for (const vs of list) {
    lines.push(virtualServerLine(vs));
    for (const rs of vs.realServers) lines.push(realServerLine(rs));
  }
  return lines.join('\n') + '\n';
}

/** 1-based lines of a virtual server and of one of its real servers in renderIpvsadm's output. */
export function ipvsadmLines(
  list: readonly IpvsVirtualServer[],
  target: IpvsVirtualServer,
  rs?: IpvsRealServer,
): { vsLine: number; rsLine?: number } {
  let line = IPVSADM_HEADER.length;
  for (const vs of list) {
    line++;
    const vsLine = line;
    const isTarget = vs.protocol === target.protocol && vs.ip === target.ip && vs.port === target.port;
    let rsLine: number | undefined;
    for (const r of vs.realServers) {
      line++;
      if (isTarget && rs && r.ip === rs.ip && r.port === rs.port) rsLine = line;
    }
    if (isTarget) return rsLine === undefined ? { vsLine } : { vsLine, rsLine };
  }
  return { vsLine: 0 };
}
