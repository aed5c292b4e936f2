import '@xyflow/react/dist/style.css';
import {
  Background,
  BackgroundVariant,
  Controls,
  Panel,
  ReactFlow,
  ViewportPortal,
  useReactFlow,
  type FitViewOptions,
  type NodeMouseHandler,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useT } from '../../i18n/react.ts';
import { usePlayground } from '../../store/react.ts';
import {
  selectClient,
  selectLastValidResult,
  selectSelectService,
  selectSelectedServiceId,
  selectShowDns,
} from '../../store/selectors.ts';
import type { ResolvedTheme } from '../app/use-theme.ts';
import { useDriver } from '../playback/driver-context.ts';
import { PacketLayer } from '../playback/PacketLayer.tsx';
import { PlaybackControls } from '../panels/PlaybackControls.tsx';
import type { Box, PlaygroundNode } from './flow-types.ts';
import { edgeTypes, nodeTypes } from './node-types.ts';
import { markSelection } from './selection.ts';
import { toFlowElements } from './to-flow-elements.ts';

const FIT: FitViewOptions = { padding: 0.04, maxZoom: 1.25 };

function layoutSignature(boxes: Record<string, Box>): string {
  return Object.entries(boxes)
    .map(([id, b]) => `${id}@${b.x},${b.y},${b.width},${b.height}`)
    .join('|');
}

/** The cluster drawn from the last valid result; re-fits whenever the picture or the panel size changes. */
export function FlowCanvas({ theme }: { theme: ResolvedTheme }) {
  const { t } = useT();
  const result = usePlayground(selectLastValidResult);
  const client = usePlayground(selectClient);
  const podNs = client.kind === 'pod' ? client.namespace : null;
  const podName = client.kind === 'pod' ? client.name : null;
  const dns = usePlayground(selectShowDns);
  const selectedService = usePlayground(selectSelectedServiceId);
  const selectService = usePlayground(selectSelectService);
  const flow = useMemo(
    () =>
      toFlowElements(result, {
        clientPod: podNs && podName ? { namespace: podNs, name: podName } : null,
        dns,
      }),
    [result, podNs, podName, dns],
  );
  const marked = useMemo(() => markSelection(flow, selectedService), [flow, selectedService]);
  const onNodeClick = useCallback<NodeMouseHandler<PlaygroundNode>>(
    (_, node) => {
      if (node.type === 'service') selectService(node.id === selectedService ? null : node.id);
    },
    [selectService, selectedService],
  );
  const onPaneClick = useCallback(() => selectService(null), [selectService]);
  const driver = useDriver();
  const rf = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);

  // Typing usually leaves the layout as it was: re-fit only when boxes moved.
  const layoutKey = useMemo(() => layoutSignature(flow.boxes), [flow.boxes]);
  useEffect(() => driver.setBoxes(flow.boxes), [driver, flow.boxes]);
  useEffect(() => {
    void rf.fitView(FIT);
  }, [rf, layoutKey]);
  useEffect(() => {
    const el = wrapper.current;
    if (!el) return;
    const observer = new ResizeObserver(() => void rf.fitView(FIT));
    observer.observe(el);
    return () => observer.disconnect();
  }, [rf]);

  return (
    <div className="flow" ref={wrapper} data-testid="canvas" aria-label={t('canvas.label')}>
      <ReactFlow
        nodes={marked.nodes}
        edges={marked.edges}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        colorMode={theme}
        fitView
        fitViewOptions={FIT}
        minZoom={0.2}
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        zoomOnDoubleClick={false}
      >
        <Background variant={BackgroundVariant.Dots} gap={22} size={1} />
        <Controls showInteractive={false} position="bottom-right" />
        <Panel position="bottom-left">
          <PlaybackControls />
        </Panel>
        <ViewportPortal>
          <PacketLayer />
        </ViewportPortal>
      </ReactFlow>
    </div>
  );
}
