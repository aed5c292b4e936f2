/**
 * The scenarios the guides teach, one YAML file each in /examples (shared with the CLI, the golden tests
 * and e2e). Titles and blurbs live in src/i18n under `example.<id>.title` / `example.<id>.blurb`.
 */
const files = import.meta.glob('../../examples/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export interface Example {
  id: string;
  yaml: string;
}

/** Picker order: the order a class meets them in the guides. */
export const EXAMPLE_ORDER = [
  'nodeport',
  'clusterip',
  'loadbalancer',
  'externalname',
  'headless',
  'endpoints',
  'session-affinity',
] as const;

export const DEFAULT_EXAMPLE_ID = 'nodeport';

export const EXAMPLES: Example[] = Object.entries(files)
  .map(([path, yaml]) => ({ id: path.replace(/^.*\/([^/]+)\.yaml$/, '$1'), yaml }))
  .sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));

function rank(id: string): number {
  const i = (EXAMPLE_ORDER as readonly string[]).indexOf(id);
  return i < 0 ? EXAMPLE_ORDER.length : i;
}

export function findExample(id: string | null | undefined): Example | undefined {
  return EXAMPLES.find((e) => e.id === id);
}
