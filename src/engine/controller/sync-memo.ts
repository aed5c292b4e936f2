import type { ControllerContext } from './meta.ts';

/**
 * A controller's sync of one object (one Service's Endpoints, its EndpointSlices), possibly replayed from an
 * earlier simulation instead of being run: `inputs` returns what the sync reads besides pods and nodes,
 * and `sync` does the work. Without a memo, sync() just runs (sim/sync-memo.ts has the replaying one).
 *
 * `prepare`, if given, runs just before `sync` whenever that runs, outside what the memo records: work
 * that a replay makes unnecessary and that may read the store broadly, which a recorded sync must not
 * (listing the pods to index them once for all of a controller's syncs).
 */
export interface SyncMemo {
  sync(
    cc: ControllerContext,
    id: string,
    inputs: () => unknown,
    sync: () => void,
    prepare?: () => void,
  ): void;
}

export const NO_MEMO: SyncMemo = {
  sync: (_cc, _id, _inputs, sync, prepare) => {
    prepare?.();
    sync();
  },
};
