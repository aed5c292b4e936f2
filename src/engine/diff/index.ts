export { diffLines, type DiffLine, type LineDiff } from './lines.ts';
export {
  diffResults,
  type NodeRulesDiff,
  type ObjectChange,
  type ObjectChangeType,
  type ResultDiff,
} from './results.ts';
