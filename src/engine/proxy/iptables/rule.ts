/**
 * One iptables rule, built the way kube-proxy builds it: a list of arguments (`-A CHAIN -m comment
 * --comment ... -j TARGET`), written as the `iptables-restore` line kube-proxy emits (the form its
 * proxier_test.go expects) and parsed into the structured match the packet tracer evaluates, so text and
 * evaluation cannot drift apart.
 */
import type { IptablesMatch, IptablesRule } from '../types.ts';

export type Table = 'filter' | 'nat';

/** Quotes a comment the way kube-proxy writes it: `"..."` when it contains whitespace. */
export function quoteComment(c: string): string {
  return /\s/.test(c) || c === '' ? `"${c}"` : c;
}

function toText(args: readonly string[]): string {
  // Copy the arguments only when a comment needs quotes (most rules carry none or a one-word one).
  let quoted: string[] | undefined;
  for (let i = 1; i < args.length; i++) {
    if (args[i - 1] !== '--comment') continue;
    const q = quoteComment(args[i]!);
    if (q !== args[i]) (quoted ??= [...args])[i] = q;
  }
  return (quoted ?? args).join(' ');
}

const TARGET_OPTION_START = new Set(['-j']);

/** Parses kube-proxy's argument list into chain, match, target and target options. */
export function parseRuleArgs(args: readonly string[]): {
  chain: string;
  match: IptablesMatch;
  target: string;
  targetArgs?: string;
} {
  const match: IptablesMatch = {};
  let chain = '';
  let target = '';
  let targetArgs: string | undefined;
  let negate = false;
  const extras: string[] = [];
  // Each option's value is the next argument (`args[++i]`); no helper closure: this runs for every rule.
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    switch (a) {
      case '-A':
        chain = args[++i] ?? '';
        break;
      case '!':
        negate = true;
        continue;
      case '-m': {
        const mod = args[++i] ?? '';
        if (mod === 'nfacct' || mod === 'set' || mod === 'physdev' || mod === 'ipvs') {
          if (mod === 'nfacct') extras.push('-m nfacct');
        }
        break;
      }
      case '--comment':
        match.comment = args[++i] ?? '';
        break;
      case '-p':
        match.protocol = (args[++i] ?? '') as IptablesMatch['protocol'];
        break;
      case '-s':
      case '--src':
        match.source = negate ? { cidr: args[++i] ?? '', negate: true } : { cidr: args[++i] ?? '' };
        break;
      case '-d':
      case '--dst':
        match.destination = negate ? { cidr: args[++i] ?? '', negate: true } : { cidr: args[++i] ?? '' };
        break;
      case '-i':
        match.inInterface = args[++i] ?? '';
        break;
      case '-o':
        match.outInterface = args[++i] ?? '';
        break;
      case '--dport':
        match.dport = Number(args[++i] ?? '');
        break;
      case '--dst-type':
        i++; // LOCAL
        match.dstTypeLocal = negate ? 'not' : true;
        break;
      case '--src-type':
        i++; // LOCAL
        match.srcTypeLocal = negate ? 'not' : true;
        break;
      case '--mark':
        match.mark = negate ? { value: args[++i] ?? '', negate: true } : { value: args[++i] ?? '' };
        break;
      case '--mode':
        i++; // random
        break;
      case '--probability':
        match.probability = Number(args[++i] ?? '');
        break;
      case '--name':
        match.recent = { ...(match.recent ?? { mode: 'set' }), name: args[++i] ?? '' };
        break;
      case '--rcheck':
      case '--set':
        match.recent = { ...(match.recent ?? { name: '' }), mode: a === '--rcheck' ? 'rcheck' : 'set' };
        break;
      case '--seconds':
        match.recent = {
          ...(match.recent ?? { name: '', mode: 'rcheck' }),
          seconds: Number(args[++i] ?? ''),
        };
        break;
      case '--reap':
        match.recent = { ...(match.recent ?? { name: '', mode: 'rcheck' }), reap: true };
        break;
      case '--mask':
        match.recent = { ...(match.recent ?? { name: '', mode: 'rcheck' }), mask: args[++i] ?? '' };
        break;
      case '--rsource':
        break;
      case '--ctstate':
        match.ctstate = args[++i] ?? '';
        if (negate) match.ctstateNegate = true;
        break;
      case '--nfacct-name':
        extras.push(`--nfacct-name ${args[++i] ?? ''}`);
        break;
      case '--match-set': {
        const name = args[++i] ?? '';
        const flags = args[++i] ?? '';
        match.matchSet = negate ? { name, flags, negate: true } : { name, flags };
        break;
      }
      case '--physdev-is-in':
        match.physdevIsIn = negate ? 'not' : true;
        break;
      case '--vaddr': {
        const vaddr = args[++i] ?? '';
        match.ipvs = { vaddr, vproto: match.ipvs?.vproto ?? '', vport: match.ipvs?.vport ?? 0 };
        break;
      }
      case '--vproto':
        match.ipvs = {
          vaddr: match.ipvs?.vaddr ?? '',
          vproto: args[++i] ?? '',
          vport: match.ipvs?.vport ?? 0,
        };
        break;
      case '--vport':
        match.ipvs = {
          vaddr: match.ipvs?.vaddr ?? '',
          vproto: match.ipvs?.vproto ?? '',
          vport: Number(args[++i] ?? ''),
        };
        break;
      default:
        if (TARGET_OPTION_START.has(a)) {
          target = args[++i] ?? '';
          const rest = args.slice(i + 1);
          if (rest.length > 0) targetArgs = rest.join(' ');
          i = args.length;
        }
    }
    negate = false;
  }
  if (extras.length > 0) match.extra = extras.join(' ');
  return targetArgs === undefined ? { chain, match, target } : { chain, match, target, targetArgs };
}

/** Builds an IptablesRule from kube-proxy's arguments. `line` is assigned when the tables are laid out. */
export function makeRule(table: Table, args: readonly string[], objectId?: string): IptablesRule {
  const { chain, match, target, targetArgs } = parseRuleArgs(args);
  const rule: IptablesRule = { table, chain, match, target, text: toText(args), line: 0 };
  if (targetArgs !== undefined) rule.targetArgs = targetArgs;
  if (objectId !== undefined) rule.objectId = objectId;
  return rule;
}

/** Collects rules and chain declarations for one table, in the order kube-proxy writes them. */
export class TableBuffer {
  readonly chains: string[] = [];
  readonly rules: IptablesRule[] = [];
  private readonly declared = new Set<string>();
  constructor(readonly table: Table) {}

  chain(name: string): void {
    if (this.declared.has(name)) return;
    this.declared.add(name);
    this.chains.push(name);
  }

  write(args: readonly string[], objectId?: string): void {
    this.rules.push(makeRule(this.table, args, objectId));
  }
}
