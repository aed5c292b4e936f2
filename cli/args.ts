/** Argument parsing for `npm run sim` (see README, "The CLI contract"). */
export interface SimArgs {
  file: string;
  json: boolean;
  node?: string;
  dns: { name: string; type: string }[];
  from?: string;
  traces: { src: string; dst: string; port: number; protocol: 'TCP' | 'UDP' | 'SCTP' }[];
  seed: number;
}

export const USAGE =
  'usage: npm run sim -- FILE|- [--json] [--node NAME] [--dns NAME[:TYPE]]... [--from NAMESPACE] ' +
  '[--trace SRC_IP->DST_IP:PORT[/PROTO]]... [--seed N]';

const DNS_TYPES = new Set(['A', 'AAAA', 'SRV', 'PTR', 'CNAME', 'TXT']);

export function parseArgs(argv: string[]): SimArgs | { error: string } {
  const out: SimArgs = { file: '', json: false, dns: [], traces: [], seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--json') out.json = true;
      else if (a === '--node') out.node = value();
      else if (a === '--from') out.from = value();
      else if (a === '--seed') {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 0) return { error: '--seed must be a non-negative integer' };
        out.seed = n;
      } else if (a === '--dns') {
        const v = value();
        const m = /^(.*?)(?::([A-Za-z]+))?$/.exec(v)!;
        const type = (m[2] ?? 'A').toUpperCase();
        if (!DNS_TYPES.has(type)) return { error: `--dns ${v}: unknown record type ${type}` };
        out.dns.push({ name: m[1]!, type });
      } else if (a === '--trace') {
        const v = value();
        const m = /^([^\s>-][^\s>]*?)->([^\s:]+):(\d+)(?:\/(tcp|udp|sctp))?$/i.exec(v);
        if (!m) return { error: `--trace ${v}: expected SRC_IP->DST_IP:PORT[/PROTO]` };
        out.traces.push({
          src: m[1]!,
          dst: m[2]!,
          port: Number(m[3]),
          protocol: (m[4] ?? 'TCP').toUpperCase() as 'TCP' | 'UDP' | 'SCTP',
        });
      } else if (a.startsWith('--')) return { error: `unknown option ${a}` };
      else if (!out.file) out.file = a;
      else return { error: `unexpected argument ${a}` };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }
  if (!out.file) return { error: 'missing FILE (use - for standard input)' };
  return out;
}
