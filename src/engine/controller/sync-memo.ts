import type { ControllerContext } from './meta.ts';

/**
 * A controller's sync of one object (one Service's Endpoints, its EndpointSlices), possibly replayed from an
 * earlier simulation instead of being run: `inputs` returns what the sync reads besides pods and nodes,
 * and `sync` does the work. Without a memo, sync() just runs (sim/sync-memo.ts has the replaying one).
 */
export interface SyncMemo {
  sync(cc: ControllerContext, id: string, inputs: () => unknown, sync: () => void): void;
}

export const NO_MEMO: SyncMemo = { sync: (_cc, _id, _inputs, sync) => sync() };
