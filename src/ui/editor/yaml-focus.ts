/**
 * Which YAML lines to light up: the object behind the inspected packet's hop (a Service, a pod — through
 * its ReplicaSet to the Deployment that the text declares) and the selected Service. Pure, no monaco.
 */
import type { SimulationResult, SourceRange } from '../../engine/index.ts';

export interface YamlFocus {
  id: string;
  range: SourceRange;
  kind: 'hop' | 'service';
}

/** The declared range of an object, following ownerId up to the YAML document that made it. */
export function declaredRange(
  result: SimulationResult,
  id: string | undefined,
): { id: string; range: SourceRange } | null {
  let cur = id;
  for (let i = 0; cur && i < 4; i++) {
    const src = result.sources.get(cur);
    if (!src) return null;
    if (src.range) return { id: cur, range: src.range };
    cur = src.ownerId;
  }
  return null;
}

/** The Service whose YAML document holds `line`, if the cursor is in one; undefined outside any object. */
export function objectAtLine(result: SimulationResult, line: number): string | undefined {
  for (const [id, src] of result.sources) {
    const r = src.range;
    if (r && line >= r.line && line < Math.max(r.endLine, r.line + 1)) return id;
  }
  return undefined;
}

export function yamlFocus(
  result: SimulationResult,
  hopObjectId: string | undefined,
  serviceId: string | null,
): YamlFocus[] {
  const out: YamlFocus[] = [];
  const hop = declaredRange(result, hopObjectId);
  if (hop) out.push({ ...hop, kind: 'hop' });
  const svc = serviceId && serviceId !== hop?.id ? declaredRange(result, serviceId) : null;
  if (svc) out.push({ ...svc, kind: 'service' });
  return out;
}
