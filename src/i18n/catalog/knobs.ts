/** Threshold knobs in the scheme editor: what a slider or its number field says when held back. */
export const zh = {
  knobStopped: '不能越过「{neighbour}」（{limit}）：相邻门槛不能交叉，已停在 {value}',
} as const;

export const en: Record<keyof typeof zh, string> = {
  knobStopped: 'Cannot pass {neighbour} ({limit}): neighbouring thresholds may not cross, so it stops at {value}',
};
