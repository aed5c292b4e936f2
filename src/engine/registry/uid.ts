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
  // Derived from the identity alone: every re-simulation asks again for the same uids. Kept by kind and
  // namespace, then name, so that asking builds no `kind/namespace/name` text.
  const scope = `${kind}/${namespace ?? ''}`;
  let byName = uids.get(scope);
  if (!byName) uids.set(scope, (byName = new Map()));
  let uid = byName.get(name);
  if (uid === undefined) {
    if (cachedUids >= UID_CACHE_LIMIT) {
      uids.clear();
      uids.set(scope, (byName = new Map()));
      cachedUids = 0;
    }
    uid = computeUid(`${scope}/${name}`);
    byName.set(name, uid);
    cachedUids++;
  }
  return uid;
}

const uids = new Map<string, Map<string, string>>();
let cachedUids = 0;
const UID_CACHE_LIMIT = 50_000;

function computeUid(id: string): string {
  const h =
    hex8(fnv1a32(`0:${id}`)) + hex8(fnv1a32(`1:${id}`)) + hex8(fnv1a32(`2:${id}`)) + hex8(fnv1a32(`3:${id}`));
  // Version 4 in the 13th digit, the RFC 4122 variant (8, 9, a or b) in the 17th.
  const variant = '89ab'[parseInt(h[16]!, 16) & 3]!;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
