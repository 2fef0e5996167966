// Heatmap colours as Grafana picks them: d3's schemes quantised to `steps` colours, read reversed
// where Grafana reverses them (diverging always, light-to-dark on a dark page), `reverse`, old
// names such as "interpolateOranges", and opacity mode's alpha rising linearly or by an exponent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  heatmapPalette,
  rgbOf,
  schemeName,
  type HeatmapColorOptions,
} from '../../../../shared/dashboards/heatmap/palette';

const base: HeatmapColorOptions = {
  mode: 'scheme',
  scheme: 'Oranges',
  fill: 'dark-orange',
  scale: 'exponential',
  exponent: 0.5,
  steps: 64,
  reverse: false,
};
const lum = (hex: string) => rgbOf(hex)!.reduce((a, b) => a + b, 0);

test('Oranges: light to dark on a light page, dark to light on a dark one, as Grafana', () => {
  const light = heatmapPalette(base, false);
  assert.equal(light.length, 64);
  assert.equal(light[0], '#fff5eb'); // d3's Oranges at 0
  assert.equal(light[63], '#7f2704'); // and at 1
  assert.ok(lum(light[0]) > lum(light[63]));
  const dark = heatmapPalette(base, true);
  assert.deepEqual(dark, [...light].reverse());
});

test('reverse flips the reading once, not on top of the scheme’s own flip (Grafana’s rule)', () => {
  const lightReversed = heatmapPalette({ ...base, reverse: true }, false);
  assert.equal(lightReversed[0], '#7f2704');
  assert.deepEqual(lightReversed, heatmapPalette(base, true));
  // On a dark page Oranges already reads reversed; reverse does not turn it back.
  assert.deepEqual(heatmapPalette({ ...base, reverse: true }, true), heatmapPalette(base, true));
});

test('diverging schemes read reversed on both themes: Spectral runs blue (low) to red (high)', () => {
  for (const dark of [false, true]) {
    const p = heatmapPalette({ ...base, scheme: 'Spectral' }, dark);
    const [r0, , b0] = rgbOf(p[0])!;
    const [r1, , b1] = rgbOf(p[p.length - 1])!;
    assert.ok(b0 > r0, `low end is blue: ${p[0]}`);
    assert.ok(r1 > b1, `high end is red: ${p[p.length - 1]}`);
  }
});

test('every listed scheme gives hex colours; an unknown scheme falls back to Spectral', () => {
  for (const scheme of ['Blues', 'Greens', 'RdYlBu', 'Viridis', 'Turbo', 'Cubehelix', 'YlOrRd', 'Sinebow']) {
    const p = heatmapPalette({ ...base, scheme, steps: 8 }, false);
    assert.equal(p.length, 8);
    for (const c of p) assert.match(c, /^#[0-9a-f]{6}$/, `${scheme}: ${c}`);
  }
  assert.deepEqual(
    heatmapPalette({ ...base, scheme: 'Nope' }, false),
    heatmapPalette({ ...base, scheme: 'Spectral' }, false),
  );
});

test('old scheme names are found inside their interpolator names', () => {
  assert.equal(schemeName('interpolateOranges'), 'Oranges');
  assert.equal(schemeName('interpolateRdYlBu'), 'RdYlBu');
  assert.equal(schemeName('Blues'), 'Blues');
  assert.equal(schemeName('interpolateNothing'), undefined);
});

test('opacity mode: the fill colour with alpha rising by the exponent, or linearly', () => {
  const exp = heatmapPalette({ ...base, mode: 'opacity', fill: 'dark-orange', steps: 5 }, false);
  assert.deepEqual(exp, ['#fa640000', '#fa640080', '#fa6400b4', '#fa6400dd', '#fa6400ff']);
  const lin = heatmapPalette({ ...base, mode: 'opacity', fill: '#00ff00', scale: 'linear', steps: 5 }, false);
  assert.deepEqual(lin, ['#00ff0000', '#00ff0040', '#00ff0080', '#00ff00bf', '#00ff00ff']);
  // A colour Promdesk cannot read falls back to Grafana's dark-orange.
  assert.equal(
    heatmapPalette({ ...base, mode: 'opacity', fill: 'hsl(1,2%,3%)', steps: 2 }, false)[1],
    '#fa6400ff',
  );
});

test('rgbOf reads hex and rgb() colours only', () => {
  assert.deepEqual(rgbOf('#abc'), [170, 187, 204]);
  assert.deepEqual(rgbOf('#102030ff'), [16, 32, 48]);
  assert.deepEqual(rgbOf('rgb(1, 2, 3)'), [1, 2, 3]);
  assert.equal(rgbOf('red'), undefined);
});
