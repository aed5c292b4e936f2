/**
 * The container statuses the kubelet reports (v1.ContainerStatus): the image as the runtime normalizes it,
 * the imageID and containerID the runtime makes up, the running or terminated state. Statuses of plain
 * running containers are kept from one simulation to the next (see runningStatuses).
 */
import type { Container } from '../api/objects.ts';
import type { ContainerStatus } from 'kubernetes-types/core/v1';
import type { ControllerContext } from './meta.ts';
import { randomHex } from './names.ts';
import type { SharedStatusParts } from './status-parts.ts';

/** Docker reference normalization: `nginx` -> `docker.io/library/nginx:latest`. */
export function normalizeImage(image: string): string {
  // Every container of every pod asks, mostly for the same few images: one string per image.
  let ref = normalizedImages.get(image);
  if (ref === undefined) {
    if (normalizedImages.size >= IMAGE_ID_CACHE_LIMIT) normalizedImages.clear();
    normalizedImages.set(image, (ref = normalizeImageRef(image)));
  }
  return ref;
}

const normalizedImages = new Map<string, string>();

function normalizeImageRef(image: string): string {
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  const hasDomain = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let ref = hasDomain ? image : `docker.io/${slash < 0 ? `library/${image}` : image}`;
  const lastPart = ref.slice(ref.lastIndexOf('/') + 1);
  if (!ref.includes('@') && !lastPart.includes(':')) ref += ':latest';
  return ref;
}

/** The imageID the runtime reports: `<repository>@sha256:<digest>`, one digest per normalized image. */
function imageID(cc: ControllerContext, image: string): string {
  const ref = normalizeImage(image);
  const at = ref.indexOf('@');
  if (at >= 0) return ref;
  // A fork depends only on the seed and its label, so every pod of an image gets the same digest: made once.
  const key = `${cc.ctx.rng.seed}/${ref}`;
  let id = imageIDs.get(key);
  if (id === undefined) {
    if (imageIDs.size >= IMAGE_ID_CACHE_LIMIT) imageIDs.clear();
    const repo = ref.slice(0, ref.lastIndexOf(':'));
    id = `${repo}@sha256:${randomHex(cc.ctx.rng.fork(`image:${ref}`), 64)}`;
    imageIDs.set(key, id);
  }
  return id;
}

const imageIDs = new Map<string, string>();
const IMAGE_ID_CACHE_LIMIT = 10_000;

export function containerStatus(
  cc: ControllerContext,
  podId: string,
  c: Container,
  given: ContainerStatus | undefined,
  phase: string,
  ready: boolean,
  now: string,
  parts: SharedStatusParts,
): ContainerStatus {
  // A running container the YAML says nothing about: the same status as last simulation's, if any.
  const plain = given === undefined && phase !== 'Succeeded' && phase !== 'Failed';
  const seed = cc.ctx.rng.seed;
  const image = c.image ?? '';
  const known = plain ? runningStatuses.get(podId) : undefined;
  if (known)
    for (const e of known)
      if (e.name === c.name && e.image === image && e.now === now && e.ready === ready && e.seed === seed)
        return e.status;
  const containerID = `containerd://${randomHex(cc.ctx.rng.fork(`containerID:${podId}/${c.name}`), 64)}`;
  if (given?.state?.waiting) {
    const base: ContainerStatus = {
      image: normalizeImage(image),
      imageID: '',
      lastState: parts.noLastState,
      name: c.name,
      ready: false,
      restartCount: 0,
      started: false,
    };
    return Object.assign(base, given);
  }
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const state = terminal
    ? {
        terminated: {
          containerID,
          exitCode: phase === 'Succeeded' ? 0 : 1,
          finishedAt: now,
          reason: phase === 'Succeeded' ? 'Completed' : 'Error',
          startedAt: now,
        },
      }
    : parts.runningSince(now);
  const base: ContainerStatus = {
    containerID,
    image: normalizeImage(image),
    imageID: imageID(cc, image),
    lastState: parts.noLastState,
    name: c.name,
    ready: !terminal && ready,
    restartCount: 0,
    started: !terminal,
    state,
  };
  if (plain) {
    if (runningStatuses.size >= RUNNING_STATUS_LIMIT) runningStatuses.clear();
    const entry = { name: c.name, image, now, ready, seed, status: base };
    const list = known ?? [];
    if (list.push(entry) > MAX_STATUSES_PER_POD) list.shift();
    if (!known) runningStatuses.set(podId, list);
    return base;
  }
  return Object.assign(base, given);
}

/**
 * The statuses of running containers without a status in the YAML, by pod id, with everything else they
 * are made from (seed, container name and image, start time, readiness). Shared from one simulation's
 * result to the next (nothing changes one once made): re-simulating 2,000 pods then makes 2,000 fewer
 * container IDs, and the result holds objects the garbage collector no longer has to move.
 */
const runningStatuses = new Map<
  string,
  { name: string; image: string; now: string; ready: boolean; seed: number; status: ContainerStatus }[]
>();
/** Statuses kept per pod: its containers, under a few seeds or start times. */
const MAX_STATUSES_PER_POD = 16;
const RUNNING_STATUS_LIMIT = 50_000;
