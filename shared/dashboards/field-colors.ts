// Colours as Grafana's panels give them: Grafana's named colours ("green", "semi-dark-red"...)
// to hex, the classic palette series take in turn, and the threshold step a value falls in.
import type { ThresholdStep, Thresholds } from './model';

const SHADES = ['super-light', 'light', '', 'semi-dark', 'dark'] as const;
const HUES: Record<string, readonly string[]> = {
  red: ['#FFA6B0', '#FF7383', '#F2495C', '#E02F44', '#C4162A'],
  orange: ['#FFCB7D', '#FFB357', '#FF9830', '#FF780A', '#FA6400'],
  yellow: ['#FFF899', '#FFEE52', '#FADE2A', '#F2CC0C', '#E0B400'],
  green: ['#C8F2C2', '#96D98D', '#73BF69', '#56A64B', '#37872D'],
  blue: ['#C0D8FF', '#8AB8FF', '#5794F2', '#3274D9', '#1F60C4'],
  purple: ['#DEB6F2', '#CA95E5', '#B877D9', '#A352CC', '#8F3BB8'],
};
const NAMED = new Map<string, string>();
for (const [hue, hexes] of Object.entries(HUES))
  SHADES.forEach((shade, i) => NAMED.set(shade ? `${shade}-${hue}` : hue, hexes[i]));
NAMED.set('text', '#CCCCDC');
NAMED.set('transparent', 'transparent');

/** A Grafana colour name as CSS (hex for Grafana's names; anything else as written). */
export function resolveColor(name: string | undefined | null, fallback = '#CCCCDC'): string {
  if (!name) return fallback;
  return NAMED.get(name.toLowerCase()) ?? name;
}

// Grafana's palette-classic: the theme's first colours, then the legacy graph palette.
const PALETTE = [
  '#73BF69',
  '#F2CC0C',
  '#8AB8FF',
  '#FF780A',
  '#F2495C',
  '#5794F2',
  '#B877D9',
  '#705DA0',
  '#37872D',
  '#FADE2A',
  '#447EBC',
  '#C15C17',
  '#890F02',
  '#0A437C',
  '#6D1F62',
  '#584477',
  '#B7DBAB',
  '#F4D598',
  '#70DBED',
  '#F9BA8F',
  '#F29191',
  '#82B5D8',
  '#E5A8E2',
  '#AEA2E0',
  '#629E51',
  '#E5AC0E',
  '#64B0C8',
  '#E0752D',
  '#BF1B00',
  '#0A50A1',
  '#962D82',
  '#614D93',
];

/** The palette colour of the series at `index` (palette-classic). */
export function paletteColor(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length];
}

/**
 * The threshold step `value` falls in: the last step whose value it reaches (the base step,
 * value null, is -Infinity). In percentage mode the value is first placed between min and max.
 */
export function activeThreshold(
  value: number,
  thresholds: Thresholds | undefined,
  range: { min: number; max: number } = { min: 0, max: 100 },
): ThresholdStep | undefined {
  const steps = Array.isArray(thresholds?.steps)
    ? thresholds.steps.filter((s) => s && typeof s === 'object')
    : [];
  if (!steps.length) return undefined;
  let v = value;
  if (thresholds?.mode === 'percentage') {
    const span = range.max - range.min;
    v = span === 0 ? 100 : ((value - range.min) / span) * 100;
  }
  let active = steps[0];
  for (const step of steps) {
    const at = typeof step.value === 'number' ? step.value : -Infinity;
    if (v >= at) active = step;
    else break;
  }
  return active;
}

// Grafana's continuous schemes, as the named colours they run through.
const SCHEMES: Record<string, readonly string[]> = {
  'continuous-GrYlRd': ['green', 'yellow', 'red'],
  'continuous-RdYlGr': ['red', 'yellow', 'green'],
  'continuous-BlYlRd': ['dark-blue', 'super-light-yellow', 'dark-red'],
  'continuous-YlRd': ['super-light-yellow', 'dark-red'],
  'continuous-BlPu': ['blue', 'purple'],
  'continuous-YlBl': ['super-light-yellow', 'dark-blue'],
  'continuous-blues': ['super-light-blue', 'dark-blue'],
  'continuous-reds': ['super-light-red', 'dark-red'],
  'continuous-greens': ['super-light-green', 'dark-green'],
  'continuous-purples': ['super-light-purple', 'dark-purple'],
};

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/**
 * The colour at `fraction` (0..1, clamped) along a continuous scheme (`continuous-GrYlRd`, ...);
 * undefined for a mode that is not one.
 */
export function schemeColor(mode: string, fraction: number): string | undefined {
  const names = Object.hasOwn(SCHEMES, mode) ? SCHEMES[mode] : undefined;
  if (!names) return undefined;
  const stops = names.map((n) => rgb(resolveColor(n)));
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(f));
  const t = f - i;
  const mix = stops[i].map((c, k) => Math.round(c + (stops[i + 1][k] - c) * t));
  return `#${mix.map((c) => c.toString(16).padStart(2, '0').toUpperCase()).join('')}`;
}

/** A stable palette colour for a series name (Grafana's palette-classic-by-name). */
export function colorByName(name: string): string {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) | 0;
  return paletteColor(Math.abs(h));
}
