import { useEffect } from 'react';
import { exposeForTests } from '../../../platform/test-hook.ts';
import { usePlaygroundStore } from '../../../store/react.ts';

/** `window.__playground.traffic()`: every kept packet with its whole trace, for the traffic e2e specs. */
export function useTrafficTestHook(): void {
  const store = usePlaygroundStore();
  useEffect(() => {
    exposeForTests({
      traffic: () => {
        const s = store.getState();
        return {
          clockMs: s.clockMs,
          podRequests: s.podRequests,
          tallies: s.tallies,
          events: s.events.length,
          proxyMode: s.lastValidResult.cluster.config.proxyMode,
          packets: s.packets.map((p) => ({
            id: p.id,
            hopIndex: p.hopIndex,
            status: p.status,
            servedBy: p.servedBy,
            trace: p.trace,
          })),
        };
      },
    });
  }, [store]);
}
