/** URL state: `?example=<id>` picks a scenario, `?seed=<n>` replays the same random choices. */
export interface UrlState {
  example?: string;
  seed?: number;
}

export function readUrlState(loc: Pick<Location, 'search'> = window.location): UrlState {
  const params = new URLSearchParams(loc.search);
  const state: UrlState = {};
  const example = params.get('example');
  if (example) state.example = example;
  const seed = Number(params.get('seed'));
  if (params.has('seed') && Number.isInteger(seed) && seed >= 0) state.seed = seed;
  return state;
}

/** Writes `?example=` without a navigation, so a shared link opens the same scenario. */
export function writeExampleParam(id: string | null, win: Window = window): void {
  const url = new URL(win.location.href);
  if (id) url.searchParams.set('example', id);
  else url.searchParams.delete('example');
  win.history.replaceState(win.history.state, '', url);
}
