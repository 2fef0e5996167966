// The engine beside Debian's promtool 2.42: the same alert templates, expanded by both, give the
// same annotation text, errors included (skipped where /usr/bin/promtool is absent).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertTemplateParseError, expandAlertTextAsync } from '../../../shared/templates/expand';
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
