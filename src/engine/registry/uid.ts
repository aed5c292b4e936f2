/**
 * metadata.uid. The apiserver draws a random v4 UUID (uuid.NewUUID); we derive one from the object's
 * identity instead, so that the same YAML always gives the same uids (and re-creating an object after a
 * delete gives it the same uid again, which a real apiserver would not do).
 */
import { fnv1a32 } from '../sim/rng.ts';

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** A version-4-shaped UUID from `kind/namespace/name`: 128 bits of FNV-1a over four salted inputs. */
export function uidFor(kind: string, namespace: string | undefined, name: string): string {
  const id = `${kind}/${namespace ?? ''}/${name}`;
  const h = [0, 1, 2, 3]
    .map((i) => hex8(fnv1a32(`${i}:${id}`)))
    .join('')
    .split('');
  h[12] = '4';
  h[16] = '89ab'[parseInt(h[16] ?? '0', 16) & 3] ?? '8';
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}
