/** Sizes of the canvas elements, shared by the layout (to-flow-elements.ts) and canvas.css. */
export const LINE = 19;
export const HEADER = 30;
export const TITLE_LINE = 17;
export const PAD = 12;

export const WIDTH = {
  clients: 168,
  loadBalancers: 168,
  nodes: 180,
  services: 204,
  pods: 226,
} as const;

export const LANE_GAP = 42;
export const LANE_TOP = -52;
export const LANE_PAD = 14;
export const ROW_GAP = 22;
export const STACK_GAP = 18;
export const GROUP_HEADER = 30;
export const GROUP_PAD = 8;
export const POD_GAP = 8;
export const POD_WIDTH = WIDTH.pods - 2 * GROUP_PAD;

/** Card padding (left 14 + right 11) plus the title icon (16 + 6 gap). */
const TITLE_INSET = 47;
/** Average advance of a bold title character (13.5px sans); generous, so a name never overflows. */
const TITLE_CHAR = 7.6;

/** Names wrap onto a second line rather than lose their distinguishing tail (`…-847654d57b-4s27j`). */
export function titleLines(name: string, cardWidth: number): 1 | 2 {
  return name.length * TITLE_CHAR > cardWidth - TITLE_INSET ? 2 : 1;
}

/** Height of a card with a title (1 or 2 lines) and `lines` text lines. */
export const cardHeight = (lines: number, title: 1 | 2 = 1) =>
  HEADER + (title - 1) * TITLE_LINE + PAD + lines * LINE + 6;

export const podHeight = (name: string) => cardHeight(2, titleLines(name, POD_WIDTH));

/** A node's pod group: header, then its pods stacked. */
export const groupHeight = (podHeights: readonly number[]) =>
  podHeights.length === 0
    ? GROUP_HEADER + 34
    : GROUP_HEADER + GROUP_PAD + podHeights.reduce((a, h) => a + h + POD_GAP, 0) - POD_GAP + GROUP_PAD;
