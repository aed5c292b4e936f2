import type { Clock } from './clock.ts';
import type { ClusterConfig } from './config.ts';
import type { Rng } from './rng.ts';

/** Everything non-deterministic the engine may use, injected. */
export interface SimContext {
  rng: Rng;
  clock: Clock;
  config: ClusterConfig;
}
