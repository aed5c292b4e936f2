/**
 * Renders bad values the way field.Error.ErrorBody() does for non-scalar Go values (`%#v`), so that
 * messages read exactly like the apiserver's: `map[string]string{"app":"web"}`, `[]string{"10.96.0.10"}`,
 * `core.ServicePort{Name:"", Protocol:"TCP", ...}`. Scalars are left to formatFieldError (JSON == Go there).
 */

/** Go's %q for a string (close enough: JSON escaping for the ASCII the API allows). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `map[string]string{"a":"b", "c":"d"}`; Go prints map keys sorted; a nil map is `map[string]string(nil)`. */
export function goStringMap(m: unknown): string {
  if (!isRecord(m)) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(String(m[k] ?? ''))}`).join(', ')}}`;
}

/** `[]string{"a", "b"}`; a nil slice is `[]string(nil)`. */
export function goStringSlice(a: unknown, typeName = 'string'): string {
  if (!Array.isArray(a)) return `[]${typeName}(nil)`;
  return `[]${typeName}{${a.map((s) => goQuote(String(s ?? ''))).join(', ')}}`;
}

/** `intstr.IntOrString{Type:0, IntVal:8080, StrVal:""}` (Type 1 for strings). */
export function goIntOrString(v: unknown): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  const n = typeof v === 'number' ? v : 0;
  return `intstr.IntOrString{Type:0, IntVal:${n}, StrVal:""}`;
}

/** The core.ServicePort key ValidateService reports for duplicate (protocol, port) pairs. */
export function goServicePortKey(protocol: string, port: number): string {
  return (
    `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, ` +
    `TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`
  );
}

/** `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`. */
export function goLabelSelector(sel: unknown): string {
  if (!isRecord(sel)) return 'null';
  const exprs = sel.matchExpressions;
  const exprText = Array.isArray(exprs)
    ? `[]v1.LabelSelectorRequirement{${exprs
        .map((e) => {
          const r = isRecord(e) ? e : {};
          return (
            `v1.LabelSelectorRequirement{Key:${goQuote(String(r.key ?? ''))}, ` +
            `Operator:${goQuote(String(r.operator ?? ''))}, Values:${goStringSlice(r.values)}}`
          );
        })
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprText}}`;
}

/** `apps.DeploymentStrategy{Type:"X", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}`. */
export function goDeploymentStrategy(s: unknown): string {
  const r = isRecord(s) ? s : {};
  const ru = isRecord(r.rollingUpdate)
    ? `(*apps.RollingUpdateDeployment)(0xc000000000)`
    : '(*apps.RollingUpdateDeployment)(nil)';
  return `apps.DeploymentStrategy{Type:${goQuote(String(r.type ?? ''))}, RollingUpdate:${ru}}`;
}

/** `apps.StatefulSetUpdateStrategy{Type:"X", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}`. */
export function goStatefulSetUpdateStrategy(s: unknown): string {
  const r = isRecord(s) ? s : {};
  const ru = isRecord(r.rollingUpdate)
    ? '(*apps.RollingUpdateStatefulSetStrategy)(0xc000000000)'
    : '(*apps.RollingUpdateStatefulSetStrategy)(nil)';
  return `apps.StatefulSetUpdateStrategy{Type:${goQuote(String(r.type ?? ''))}, RollingUpdate:${ru}}`;
}

/** A *string bad value: Go dereferences pointers, so it prints as a quoted string, or `null` when nil. */
export function goStringPtr(v: unknown): string {
  return typeof v === 'string' ? goQuote(v) : 'null';
}
