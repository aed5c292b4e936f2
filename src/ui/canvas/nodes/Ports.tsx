import { Handle, Position } from '@xyflow/react';

/** Left target and right source handle: every path enters a card from the left and leaves on the right. */
export function Ports() {
  return (
    <>
      <Handle type="target" position={Position.Left} isConnectable={false} className="port" />
      <Handle type="source" position={Position.Right} isConnectable={false} className="port" />
    </>
  );
}
