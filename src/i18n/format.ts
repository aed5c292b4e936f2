/** Fills `{name}` placeholders; unknown placeholders stay visible so a missing param is noticed. */
export function formatTemplate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}
