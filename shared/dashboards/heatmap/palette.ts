// A heatmap's colours as Grafana's heatmap panel picks them (options.color): a palette of `steps`
// colours, either a d3 colour scheme (Oranges, Spectral, RdYlBu...; some read reversed, as Grafana
// has them: diverging ones always, light-to-dark ones on a dark page, dark-to-light ones on a light
// page) or one fill colour at rising opacity (linear, or exponential with `exponent`).
import * as chromatic from 'd3-scale-chromatic';
import { resolveColor } from '../field-colors';

export interface HeatmapColorOptions {
  mode: 'scheme' | 'opacity';
  scheme: string;
  /** The fill colour of opacity mode (a Grafana colour name or CSS colour). */
  fill: string;
  /** How opacity rises with the value in opacity mode. */
  scale: 'exponential' | 'linear';
  exponent: number;
  steps: number;
  reverse: boolean;
  /** Fixed ends of the colour scale; absent = the data's. */
  min?: number;
  max?: number;
}

type Invert = 'always' | 'dark' | 'light';

/** Grafana's scheme names, with when each reads reversed; the d3 interpolator has the name. */
const SCHEMES: Record<string, { invert: Invert; interpolate: (t: number) => string }> = {
  BrBG: { invert: 'always', interpolate: chromatic.interpolateBrBG },
  PiYG: { invert: 'always', interpolate: chromatic.interpolatePiYG },
  PRGn: { invert: 'always', interpolate: chromatic.interpolatePRGn },
  PuOr: { invert: 'always', interpolate: chromatic.interpolatePuOr },
  RdBu: { invert: 'always', interpolate: chromatic.interpolateRdBu },
  RdGy: { invert: 'always', interpolate: chromatic.interpolateRdGy },
  RdYlBu: { invert: 'always', interpolate: chromatic.interpolateRdYlBu },
  RdYlGn: { invert: 'always', interpolate: chromatic.interpolateRdYlGn },
  Spectral: { invert: 'always', interpolate: chromatic.interpolateSpectral },
  Blues: { invert: 'dark', interpolate: chromatic.interpolateBlues },
  Greens: { invert: 'dark', interpolate: chromatic.interpolateGreens },
  Greys: { invert: 'dark', interpolate: chromatic.interpolateGreys },
  Oranges: { invert: 'dark', interpolate: chromatic.interpolateOranges },
  Purples: { invert: 'dark', interpolate: chromatic.interpolatePurples },
  Reds: { invert: 'dark', interpolate: chromatic.interpolateReds },
  Turbo: { invert: 'light', interpolate: chromatic.interpolateTurbo },
  Cividis: { invert: 'light', interpolate: chromatic.interpolateCividis },
  Viridis: { invert: 'light', interpolate: chromatic.interpolateViridis },
  Magma: { invert: 'light', interpolate: chromatic.interpolateMagma },
  Inferno: { invert: 'light', interpolate: chromatic.interpolateInferno },
  Plasma: { invert: 'light', interpolate: chromatic.interpolatePlasma },
  Warm: { invert: 'light', interpolate: chromatic.interpolateWarm },
  Cool: { invert: 'light', interpolate: chromatic.interpolateCool },
  Cubehelix: { invert: 'light', interpolate: chromatic.interpolateCubehelixDefault },
  BuGn: { invert: 'dark', interpolate: chromatic.interpolateBuGn },
  BuPu: { invert: 'dark', interpolate: chromatic.interpolateBuPu },
  GnBu: { invert: 'dark', interpolate: chromatic.interpolateGnBu },
  OrRd: { invert: 'dark', interpolate: chromatic.interpolateOrRd },
  PuBuGn: { invert: 'dark', interpolate: chromatic.interpolatePuBuGn },
  PuBu: { invert: 'dark', interpolate: chromatic.interpolatePuBu },
  PuRd: { invert: 'dark', interpolate: chromatic.interpolatePuRd },
  RdPu: { invert: 'dark', interpolate: chromatic.interpolateRdPu },
  YlGnBu: { invert: 'dark', interpolate: chromatic.interpolateYlGnBu },
  YlGn: { invert: 'dark', interpolate: chromatic.interpolateYlGn },
  YlOrBr: { invert: 'dark', interpolate: chromatic.interpolateYlOrBr },
  YlOrRd: { invert: 'dark', interpolate: chromatic.interpolateYlOrRd },
  Rainbow: { invert: 'always', interpolate: chromatic.interpolateRainbow },
  Sinebow: { invert: 'always', interpolate: chromatic.interpolateSinebow },
};

/** Grafana's fallback for a scheme it does not know. */
const FALLBACK_SCHEME = 'Spectral';

/** The scheme name Grafana would use for `name`: exact, else the first known name inside it ("interpolateOranges"). */
export function schemeName(name: string): string | undefined {
  if (name in SCHEMES) return name;
  return Object.keys(SCHEMES).find((k) => name.includes(k));
}

/** [r, g, b] of a hex or rgb() colour; undefined for anything else. */
export function rgbOf(css: string): [number, number, number] | undefined {
  const s = css.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})(?:[0-9a-f]{2})?$/i.exec(s);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1];
    return [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
  }
  const rgb = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)/i.exec(s);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : undefined;
}

const hex2 = (n: number) =>
  Math.round(Math.min(255, Math.max(0, n)))
    .toString(16)
    .padStart(2, '0');

/** The palette, low values first: `steps` colours (at least 2) as #rrggbb or #rrggbbaa. */
export function heatmapPalette(opts: HeatmapColorOptions, dark: boolean): string[] {
  const steps = Math.max(2, Math.min(256, Math.round(opts.steps) || 64));
  const palette: string[] = [];
  if (opts.mode === 'opacity') {
    const [r, g, b] = rgbOf(resolveColor(opts.fill, '#FA6400')) ?? rgbOf(resolveColor('dark-orange'))!;
    const exponent = opts.exponent > 0 ? opts.exponent : 0.5;
    for (let i = 0; i < steps; i++) {
      const t = i / (steps - 1);
      const a = opts.scale === 'linear' ? t : t ** exponent;
      palette.push(`#${hex2(r)}${hex2(g)}${hex2(b)}${hex2(a * 255)}`);
    }
    return palette;
  }
  const scheme = SCHEMES[opts.scheme] ?? SCHEMES[FALLBACK_SCHEME];
  for (let i = 0; i < steps; i++) {
    const c = scheme.interpolate(i / (steps - 1));
    const rgb = rgbOf(c);
    palette.push(rgb ? `#${rgb.map(hex2).join('')}` : c);
  }
  const invert =
    scheme.invert === 'always' || (scheme.invert === 'dark' && dark) || (scheme.invert === 'light' && !dark);
  // Grafana reverses once for `reverse` or the scheme's own reading, not twice.
  if (opts.reverse || invert) palette.reverse();
  return palette;
}
