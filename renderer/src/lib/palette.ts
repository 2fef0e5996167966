// Series colours chosen to stay readable on both the light and the dark background.
export const seriesColors = [
  '#3b82f6',
  '#f59e0b',
  '#10b981',
  '#ef4444',
  '#8b5cf6',
  '#06b6d4',
  '#ec4899',
  '#84cc16',
  '#f97316',
  '#14b8a6',
  '#a855f7',
  '#eab308',
];

export function colorFor(index: number): string {
  return seriesColors[index % seriesColors.length];
}
