/**
 * What the controllers tell the rest of the engine: diagnostics for the editor (pods that cannot be
 * scheduled, LoadBalancers left pending...) and the Events `kubectl describe` would list. Which controller
 * made an object is in its ownerReferences (or, for Endpoints and EndpointSlices, its Service's name).
 */

/**
 * One finding about an object. `code` is stable for translation; `message` is the English text Kubernetes
 * itself prints (for FailedScheduling, the scheduler's "0/3 nodes are available: ..." line).
 *
 * Codes: FailedScheduling, NodeNotFound, NodeNotReady, CIDRNotAvailable, FailedCreatePodSandBox,
 * DeploymentPaused, ReplicaSetDeletedPod, StatefulSetPodConflict, StatefulSetWaiting, EndpointsOverwritten,
 * EndpointSliceReplaced, LoadBalancerAllocationFailed.
 */
export interface ControllerDiagnostic {
  severity: 'error' | 'warning' | 'info';
  code: string;
  /** The object the finding is about, e.g. `pod/default/web-7c5ddbdf54-x8kzq`. */
  objectId: string;
  /** The user object it traces back to through ownerReferences, e.g. `deployment/default/web`. */
  ownerId: string;
  message: string;
  params?: Record<string, string | number>;
}

/** A core/v1 Event, reduced to what `kubectl describe` and `kubectl get events` show. */
export interface ControllerEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** Object id of involvedObject. */
  involvedObject: string;
  /** source.component, e.g. `default-scheduler`, `kubelet`, `replicaset-controller`. */
  source: string;
}

export interface ControllerReport {
  diagnostics: ControllerDiagnostic[];
  events: ControllerEvent[];
  /** Ids of user objects a controller removed (surplus pods a ReplicaSet adopted). */
  deleted: string[];
  /** True when the YAML had no Node and the playground's three default nodes were added. */
  defaultNodes: boolean;
}

/** One call to a Recorder while it records. */
export type RecorderEntry =
  | { op: 'diagnose'; d: ControllerDiagnostic }
  | { op: 'clear'; objectId: string; code: string }
  | { op: 'event'; e: ControllerEvent };

/** What a Recorder holds at one moment, to carry on from later (sim/workload-memo.ts). */
export interface RecorderSnapshot {
  readonly diagnostics: readonly (readonly [string, ControllerDiagnostic])[];
  /**
   * The first `eventCount` of `events`. The recorder's own array, not a copy: events are only ever
   * appended, so that prefix stays as it was (thousands of events per large simulation).
   */
  readonly events: readonly ControllerEvent[];
  readonly eventCount: number;
  readonly deleted: readonly string[];
  readonly defaultNodes: boolean;
  readonly keepsEvents: boolean;
}

/** Collects findings while the controllers run; one diagnostic per (object, code), the last one wins. */
export class Recorder {
  private readonly diagnostics: Map<string, ControllerDiagnostic>;
  readonly events: ControllerEvent[];
  readonly deleted: string[];
  defaultNodes: boolean;
  /**
   * Whether Events are kept. simulate() does not keep them: no result shows them yet (the coming terminal's
   * `kubectl describe` and `kubectl get events` will), and they are thousands in a large cluster.
   */
  readonly keepsEvents: boolean;

  /** A recorder that carries on from `from` (which stays as it is), or an empty one. */
  constructor(from?: RecorderSnapshot, keepsEvents = true) {
    this.keepsEvents = from?.keepsEvents ?? keepsEvents;
    this.diagnostics = new Map(from?.diagnostics);
    this.events = from ? from.events.slice(0, from.eventCount) : [];
    this.deleted = from ? [...from.deleted] : [];
    this.defaultNodes = from?.defaultNodes ?? false;
  }

  /** What was recorded so far (copies, or a prefix of events); diagnostics and events are never changed. */
  snapshot(): RecorderSnapshot {
    return {
      diagnostics: [...this.diagnostics],
      events: this.events,
      eventCount: this.events.length,
      deleted: [...this.deleted],
      defaultNodes: this.defaultNodes,
      keepsEvents: this.keepsEvents,
    };
  }

  /** While set, every finding is appended to it too (see record()). */
  private log: RecorderEntry[] | undefined;

  /** Appends every call below to `log` until record(undefined), to replay them (sim/sync-memo.ts). */
  record(log: RecorderEntry[] | undefined): void {
    this.log = log;
  }

  diagnose(d: ControllerDiagnostic): void {
    this.log?.push({ op: 'diagnose', d });
    this.diagnostics.set(`${d.objectId}#${d.code}`, d);
  }

  clear(objectId: string, code: string): void {
    this.log?.push({ op: 'clear', objectId, code });
    // The scheduler clears each pod it binds: in a healthy cluster there is nothing to clear.
    if (this.diagnostics.size > 0) this.diagnostics.delete(`${objectId}#${code}`);
  }

  event(e: ControllerEvent): void {
    this.log?.push({ op: 'event', e });
    this.events.push(e);
  }

  report(): ControllerReport {
    return {
      diagnostics: [...this.diagnostics.values()],
      events: this.events,
      deleted: this.deleted,
      defaultNodes: this.defaultNodes,
    };
  }
}
