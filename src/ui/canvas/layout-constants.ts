/** Sizes of the canvas elements, shared by the layout and the node components' CSS variables. */
export const LINE = 19;
export const HEADER = 30;
export const PAD = 12;

export const WIDTH = {
  clients: 168,
  loadBalancers: 176,
  nodes: 186,
  services: 212,
  pods: 236,
} as const;

export const LANE_GAP = 46;
export const LANE_TOP = -52;
export const LANE_PAD = 14;
export const ROW_GAP = 22;
export const STACK_GAP = 18;
export const GROUP_HEADER = 30;
export const GROUP_PAD = 8;
export const POD_GAP = 8;
export const POD_WIDTH = WIDTH.pods - 2 * GROUP_PAD;

/** Height of a card with a title row and `lines` text lines. */
export const cardHeight = (lines: number) => HEADER + PAD + lines * LINE + 6;

export const POD_HEIGHT = cardHeight(2);

export const groupHeight = (items: number) =>
  items === 0
    ? GROUP_HEADER + 34
    : GROUP_HEADER + GROUP_PAD + items * (POD_HEIGHT + POD_GAP) - POD_GAP + GROUP_PAD;
