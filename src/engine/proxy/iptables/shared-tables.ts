/**
 * Nodes that wrote exactly the same rules (every Service port seen the same way, as with Services whose
 * traffic policies are Cluster) get the same iptables-save layout and text. So the tables are laid out and
 * rendered once per proxier input and shared, read-only, by the nodes whose buffers are equal: in a
 * 2,000-pod cluster that is most of kube-proxy's cost on every node after the first.
 */
import type { ProxyInput } from '../input.ts';
import type { IptablesRule, IptablesTables } from '../types.ts';
import type { RuleBlock, TableBuffer } from './rule.ts';
import { layoutTables, renderIptablesSave } from './save.ts';

interface LaidOut {
  filter: TableBuffer;
  nat: TableBuffer;
  tables: IptablesTables;
  text: string;
}

const laidOut = new WeakMap<ProxyInput, LaidOut[]>();

/** layoutTables and renderIptablesSave of the buffers, or what an earlier node with equal buffers got. */
export function layoutSharedTables(
  input: ProxyInput,
  filter: TableBuffer,
  nat: TableBuffer,
): { tables: IptablesTables; text: string } {
  let seen = laidOut.get(input);
  if (!seen) laidOut.set(input, (seen = []));
  const hit = seen.find((s) => sameBuffer(s.filter, filter) && sameBuffer(s.nat, nat));
  if (hit) return hit;
  const tables = layoutTables(filter, nat);
  const entry: LaidOut = { filter, nat, tables, text: renderIptablesSave(tables) };
  seen.push(entry);
  return entry;
}

function sameBuffer(a: TableBuffer, b: TableBuffer): boolean {
  if (a.table !== b.table || a.blocks.length !== b.blocks.length) return false;
  for (let i = 0; i < a.blocks.length; i++) if (!sameBlock(a.blocks[i]!, b.blocks[i]!)) return false;
  return true;
}

/** Shared Service-port blocks are the same objects; a node's own ones are compared rule by rule. */
function sameBlock(a: RuleBlock, b: RuleBlock): boolean {
  if (a === b) return true;
  if (a.chains.length !== b.chains.length || a.rules.length !== b.rules.length) return false;
  for (let i = 0; i < a.chains.length; i++) if (a.chains[i] !== b.chains[i]) return false;
  for (let i = 0; i < a.rules.length; i++) if (!sameRule(a.rules[i]!, b.rules[i]!)) return false;
  return true;
}

/**
 * Jump rules are the same objects; the others are compared field by field. Not their lines: a line is
 * where a layout put the rule, not part of what was written.
 */
function sameRule(a: IptablesRule, b: IptablesRule): boolean {
  if (a === b) return true;
  return (
    a.table === b.table &&
    a.chain === b.chain &&
    a.text === b.text &&
    a.target === b.target &&
    a.targetArgs === b.targetArgs &&
    a.objectId === b.objectId &&
    JSON.stringify(a.match) === JSON.stringify(b.match)
  );
}
