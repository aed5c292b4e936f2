/** The apiserver side of the engine: defaulting, allocation and the apply path. See apiserver.ts. */
export { ApiServer, type ApplyResult } from './apiserver.ts';
export { applyDefaults, GENERATION_KINDS, type MetaStamp } from './defaults.ts';
export { IPAllocator, calculateIPRangeOffset } from './ip-allocator.ts';
export { PortAllocator, PortAllocationOperation, calculatePortRangeOffset } from './port-allocator.ts';
export { ServiceAllocators, type AllocationOutcome, type AllocationTxn } from './service-alloc.ts';
export { initIPFamilyFields, clusterFamiliesOf, type IPFamily } from './service-families.ts';
export { threeWayMerge } from './apply-merge.ts';
export { prepareForCreate, prepareForUpdate } from './strategy.ts';
export { uidFor } from './uid.ts';
export { invalidMessage } from './status-error.ts';
