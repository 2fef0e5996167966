// The engine beside Debian's promtool 2.42: the same alert templates, expanded by both, give the
// same annotation text, errors included (skipped where /usr/bin/promtool is absent); and the
// templates of the real rule files in ../shared/rules (when that folder sits beside the checkout).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  alertTemplateParseError,
  expandAlertText,
  expandAlertTextAsync,
} from '../../../shared/templates/expand';
import { havePromtool, promtoolExpand } from './promtool-templates';

const CASES = [
  '{{ $value }} {{ $value | humanize }} {{ humanize1024 $value }} {{ humanizeDuration $value }} {{ humanizePercentage $value }}',
  '{{ humanizeTimestamp $value }} {{ printf "%.2f|%8.3e|%g|%v|%x" $value $value $value $value $value }}',
  '{{ printf "%5.1f%%|%-6d|%05d|%q|%T" 99.95 42 -42 "a\\"b" $labels }}',
  '{{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }} {{ len $labels }} {{ $labels.nope }}|{{ .Labels.job }}',
  '{{ if gt $value 100.0 }}high{{ else if gt $value 1.0 }}mid{{ else }}low{{ end }}',
  '{{ with query "m" }}{{ . | first | value | humanize }} {{ range . }}{{ .Labels.instance }}{{ end }}{{ end }}',
  '{{ range $labels }}{{ if eq . "node" }}{{ continue }}{{ end }}[{{ . }}]{{ end }} {{ define "t" }}<{{ . }}>{{ end }}{{ template "t" $labels.job }}',
  '{{- /* trimmed */ -}}  {{ title "disk full" }} {{ toUpper $labels.job }} {{ $labels.instance | reReplaceAll ":.*" "" }} {{ stripPort $labels.instance }} {{ stripDomain $labels.instance }}',
  '{{ match "^node" $labels.job }} {{ js "<x>" }} {{ html "<x>" }} {{ urlquery "a b" }} {{ graphLink "up" }} {{ parseDuration "1h" }}',
  '{{ humanize "x" }}',
  '{{ if gt $value 5 }}big{{ end }}',
  '{{ .Labels.job.x }}',
  '{{ query "m" | first | label }}',
  '{{ range 5 }}{{ end }}',
  '{{ nosuch 1 }}',
  '{{ if $value }}x',
  '{{ "unterminated }}',
];

const VALUES = ['1234567', '0.000123', 'NaN', '-Inf'];
const labels = { __name__: 'm', instance: 'host.example.com:9100', job: 'node' };

test(
  'templates expand as promtool 2.42 expands them',
  { skip: !havePromtool && 'no /usr/bin/promtool' },
  async () => {
    const parses = CASES.filter((t) => alertTemplateParseError('A', t) === undefined);
    const broken = CASES.filter((t) => !parses.includes(t));
    // Those that do not parse fail promtool's load, each with its error.
    const loadErrors = promtoolExpand({ labels, value: '1', templates: broken });
    assert.deepEqual(
      broken.map((t) => `PARSE: ${alertTemplateParseError('A', t)}`),
      loadErrors,
    );
    assert.equal(broken.length, 3);
    for (const value of VALUES) {
      const theirs = promtoolExpand({ labels, value, templates: parses });
      const v = value === '-Inf' ? -Infinity : Number(value);
      const ours = await Promise.all(
        parses.map((t) =>
          expandAlertTextAsync(
            'A',
            t,
            { labels, externalLabels: {}, externalURL: '', value: v },
            {
              timeMs: 60_000,
              externalURL: '',
              query: async (q) => {
                assert.equal(q, 'm');
                return [{ labels, value: v }];
              },
            },
          ),
        ),
      );
      assert.deepEqual(ours, theirs, `value ${value}`);
    }
  },
);

const RULES_DIR = new URL('../../../../shared/rules/', import.meta.url).pathname;

/** Every distinct alert label and annotation template in the rule files under dir. */
function realTemplates(dir: string): { alert: string; text: string }[] {
  const seen = new Set<string>();
  const out: { alert: string; text: string }[] = [];
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    if (!/\.ya?ml$/.test(name)) continue;
    let doc: unknown;
    try {
      doc = parse(readFileSync(join(dir, name), 'utf8'));
    } catch {
      continue; // test data that is meant not to parse
    }
    const d = doc as { groups?: unknown; spec?: { groups?: unknown } } | null;
    const groups = d?.groups ?? d?.spec?.groups;
    if (!Array.isArray(groups)) continue;
    for (const g of groups as { rules?: unknown }[]) {
      for (const r of (Array.isArray(g?.rules) ? g.rules : []) as Record<string, unknown>[]) {
        if (typeof r?.alert !== 'string') continue;
        const texts = { ...(r.labels as object), ...(r.annotations as object) } as Record<string, unknown>;
        for (const t of Object.values(texts)) {
          if (typeof t !== 'string' || seen.has(t)) continue;
          seen.add(t);
          out.push({ alert: r.alert, text: t });
        }
      }
    }
  }
  return out;
}

test(
  "the real rule files' templates expand as promtool 2.42 expands them",
  { skip: (!havePromtool && 'no /usr/bin/promtool') || (!existsSync(RULES_DIR) && 'no ../shared/rules') },
  () => {
    const all = realTemplates(RULES_DIR);
    assert.ok(all.length > 300, `${all.length} templates`);
    // Those that query need PromQL, which is the engine's part; the rest need only $labels and $value.
    const texts = all.map((t) => t.text).filter((t) => !/query|externalURL|pathPrefix/.test(t));
    const parses = texts.filter((t) => alertTemplateParseError('A', t) === undefined);
    // One real file is bad on purpose: rules-bad.yml's "$label".
    assert.deepEqual(
      texts.filter((t) => !parses.includes(t)).map((t) => alertTemplateParseError('A', t)),
      ['template: __alert_A:1: undefined variable "$label"'],
    );
    const seriesLabels = {
      ...labels,
      namespace: 'ns',
      pod: 'pod-1',
      cluster: 'c1',
      device: 'sda',
      mountpoint: '/',
    };
    for (const value of ['0.8734']) {
      const theirs: string[] = [];
      for (let i = 0; i < parses.length; i += 200) {
        theirs.push(...promtoolExpand({ labels: seriesLabels, value, templates: parses.slice(i, i + 200) }));
      }
      const data = { labels: seriesLabels, externalLabels: {}, externalURL: '', value: Number(value) };
      const ours = parses.map((t) => expandAlertText('A', t, data, { timeMs: 60_000, externalURL: '' }));
      assert.deepEqual(ours, theirs, `value ${value}`);
    }
  },
);
