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
  let extra: string | undefined; // -m nfacct and its --nfacct-name, printed verbatim
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
        if (mod === 'nfacct') extra = extra === undefined ? '-m nfacct' : `${extra} -m nfacct`;
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
      case '--nfacct-name': {
        const counter = `--nfacct-name ${args[++i] ?? ''}`;
        extra = extra === undefined ? counter : `${extra} ${counter}`;
        break;
      }
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
      case '-j':
        target = args[++i] ?? '';
        if (i + 1 < args.length) targetArgs = args.slice(i + 1).join(' ');
        i = args.length;
        break;
    }
    negate = false;
  }
  if (extra !== undefined) match.extra = extra;
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

/**
 * One rule's argument list as kube-proxy appends it (`args = append(args, "-m", "comment", ...)`), one
 * option group per method. Thousands of rules are written per sync: pushing onto one array, rather than
 * spreading small arrays into a new one, keeps that cheap.
 */
export class RuleArgs {
  readonly args: string[];

  /** `-A chain`. */
  constructor(chain: string) {
    this.args = ['-A', chain];
  }

  /** `-m comment --comment c` (quoted when the rule is written). */
  comment(c: string): this {
    this.args.push('-m', 'comment', '--comment', c);
    return this;
  }

  /** `-m tcp -p tcp`, as kube-proxy matches a protocol. */
  protocol(p: string): this {
    this.args.push('-m', p, '-p', p);
    return this;
  }

  /** Any other arguments, as written. */
  add(...args: string[]): this {
    for (const a of args) this.args.push(a);
    return this;
  }

  /** `-j target [target options]`: the finished argument list. */
  jump(target: string, ...targetArgs: string[]): string[] {
    this.args.push('-j', target);
    for (const a of targetArgs) this.args.push(a);
    return this.args;
  }
}

/** Chain declarations and rules written together, in write order. */
export interface RuleBlock {
  readonly chains: readonly string[];
  readonly rules: readonly IptablesRule[];
}

/**
 * Collects rules and chain declarations for one table, in the order kube-proxy writes them: blocks of its
 * own, and blocks of other buffers appended whole. Appending shares a block rather than copying its rules:
 * a node appends every Service port's rules, thousands of them, and nodes that share them (see
 * shared-service-rules.ts) are then told apart by comparing blocks.
 */
export class TableBuffer {
  readonly blocks: RuleBlock[] = [];
  /** The block being written to, if it is this buffer's last. */
  private open: { chains: string[]; rules: IptablesRule[] } | undefined;

  constructor(readonly table: Table) {}

  /**
   * Declares a chain. A chain declared twice is listed twice: layoutTables lists each chain once, and a
   * set per buffer would cost more than the rare repeat.
   */
  chain(name: string): void {
    this.openBlock().chains.push(name);
  }

  write(args: readonly string[], objectId?: string): void {
    this.openBlock().rules.push(makeRule(this.table, args, objectId));
  }

  /** A rule made elsewhere, shared read-only (layoutTables gives each node its line). */
  push(rule: IptablesRule): void {
    this.openBlock().rules.push(rule);
  }

  /** Everything `from` holds, after what this buffer holds; `from`, shared, is written to no more. */
  append(from: TableBuffer): void {
    for (const block of from.blocks) this.blocks.push(block);
    from.open = undefined;
    this.open = undefined;
  }

  private openBlock(): { chains: string[]; rules: IptablesRule[] } {
    if (this.open === undefined) {
      this.open = { chains: [], rules: [] };
      this.blocks.push(this.open);
    }
    return this.open;
  }
}
