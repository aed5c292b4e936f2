import type { LabelSelector } from '../api/objects.ts';

type LabelMap = Record<string, string>;

/** A `metav1.LabelSelector` is told from a plain label map by its structured members. */
function isLabelSelector(s: LabelMap | LabelSelector): s is LabelSelector {
  const o = s as Record<string, unknown>;
  const ml = o['matchLabels'];
  const me = o['matchExpressions'];
  return (ml !== undefined && typeof ml === 'object') || Array.isArray(me);
}

function matchesSet(set: LabelMap, labels: LabelMap): boolean {
  // for…in, not Object.entries: no pair arrays (every pod against its ReplicaSet's labels, every run).
  for (const k in set) {
    if (Object.hasOwn(set, k) && labels[k] !== set[k]) return false;
  }
  return true;
}

/**
 * Whether `labels` satisfy a selector, in either of the two forms Kubernetes uses:
 * - a plain map (`Service.spec.selector`, `nodeSelector`): labels.SelectorFromSet, every pair must be present;
 *   an empty map selects everything;
 * - a `metav1.LabelSelector` (`matchLabels` + `matchExpressions` with In, NotIn, Exists, DoesNotExist):
 *   metav1.LabelSelectorAsSelector; an empty selector selects everything.
 * A missing selector (`null`/`undefined`) selects nothing, as LabelSelectorAsSelector(nil) = labels.Nothing().
 * An unknown operator makes the selector invalid, which also selects nothing.
 */
export function labelSelectorMatches(
  selector: LabelMap | LabelSelector | null | undefined,
  labels: LabelMap | null | undefined,
): boolean {
  if (selector === null || selector === undefined) return false;
  const have = labels ?? {};
  if (!isLabelSelector(selector)) return matchesSet(selector as LabelMap, have);
  if (selector.matchLabels && !matchesSet(selector.matchLabels, have)) return false;
  for (const req of selector.matchExpressions ?? []) {
    const present = Object.prototype.hasOwnProperty.call(have, req.key);
    const values = req.values ?? [];
    switch (req.operator) {
      case 'In':
        if (!present || !values.includes(have[req.key]!)) return false;
        break;
      case 'NotIn':
        if (present && values.includes(have[req.key]!)) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/**
 * Whether a Service selects pods at all. The apiserver stores `selector: {}` as no selector (an empty map does
 * not survive the protobuf round trip through etcd), so the controllers see `nil` for both.
 */
export function hasServiceSelector(selector: LabelMap | null | undefined): selector is LabelMap {
  return selector !== null && selector !== undefined && Object.keys(selector).length > 0;
}
