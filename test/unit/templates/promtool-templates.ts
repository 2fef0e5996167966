// Runs alert templates through Debian's promtool 2.42 (`promtool test rules` with an alert whose
// annotations are the templates and an empty expectation, so the failure prints what promtool
// expanded), to compare the template engine with the real thing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goUnquote } from '../../../shared/templates/go-literals';

export const PROMTOOL = '/usr/bin/promtool';
export const havePromtool = existsSync(PROMTOOL);

export interface PromtoolCase {
  /** The alert's series labels (without __name__) and its value. */
  labels: Record<string, string>;
  value: string;
  templates: string[];
}

const yamlString = (s: string): string => JSON.stringify(s);

/**
 * What promtool's alert annotations a0..aN expand to (or its load error per annotation, for a
 * template that does not parse), for one series value.
 */
export function promtoolExpand(c: PromtoolCase, alertName = 'A'): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'promdesk-tmpl-'));
  try {
    const annotations = c.templates.map((t, i) => `      a${i}: ${yamlString(t)}`).join('\n');
    writeFileSync(
      join(dir, 'rules.yml'),
      `groups:\n- name: g\n  rules:\n  - alert: ${alertName}\n    expr: m\n    annotations:\n${annotations}\n`,
    );
    const series = `m{${Object.entries(c.labels)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(',')}}`;
    writeFileSync(
      join(dir, 'test.yml'),
      [
        'rule_files: [rules.yml]',
        'evaluation_interval: 1m',
        'tests:',
        '- interval: 1m',
        '  input_series:',
        `  - series: ${yamlString(series)}`,
        `    values: ${yamlString(`${c.value} ${c.value}`)}`,
        '  alert_rule_test:',
        '  - eval_time: 1m',
        `    alertname: ${alertName}`,
        '    exp_alerts: []',
        '',
      ].join('\n'),
    );
    let out: string;
    try {
      out = execFileSync(PROMTOOL, ['test', 'rules', 'test.yml'], {
        cwd: dir,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string };
      out = `${e.stdout ?? ''}\n${e.stderr ?? ''}`;
    }
    return parseOutput(out, c.templates.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parseOutput(out: string, n: number): string[] {
  const result: string[] = new Array<string>(n).fill('<missing>');
  const got = out.indexOf('got:[');
  if (got >= 0) {
    const line =
      out
        .slice(got)
        .split('\n')
        .find((l) => l.trim().startsWith('Annotations:{')) ?? '';
    for (const m of line.matchAll(/a(\d+)="((?:[^"\\]|\\.)*)"/g))
      result[Number(m[1])] = goUnquote(`"${m[2]}"`) ?? '<bad>';
    return result;
  }
  // A template that does not parse fails the load: `annotation "a3": template: ...` per line.
  for (const m of out.matchAll(/annotation "a(\d+)": (.*)/g)) result[Number(m[1])] = `PARSE: ${m[2]}`;
  return result;
}
