// promtool 2.42's `test rules` for one test file (cmd/promtool/unittest.go): per test group, the
// input series are loaded as the evaluation time passes them, the rule groups are evaluated every
// evaluation_interval from 0 to the last eval_time, alerts are compared at their eval_time and
// PromQL expressions at theirs afterwards. Messages are promtool's, so a failing group reads
// "    name: <group>," and expected/got are printed as promtool prints them.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { LabelSet } from '../../../shared/api';
import { goQuote } from '../../../shared/templates/go-fmt';
import { compareLabels } from '../query/labels';
import { RuleGroup } from './group';
import { AlertingRule } from './alerting-rule';
import { glob } from './glob';
import { goFloatE, goLabels, goModelDuration, goTimeDuration } from './go-format';
import { MemorySeries } from './memory-series';
import { engineQueryFunc } from './query-func';
import { loadRuleFile } from './rule-file';
import { parseSeriesLabels, parseSeriesValues } from './series-notation';
import type { RuleGroupDef } from './types';
import { parseUnitTestFile, UnitTestFileError, type TestGroup } from './unit-test-file';

/** Prometheus's default evaluation_interval, which promtool takes when the file has none. */
const DEFAULT_EVAL_INTERVAL_MS = 60_000;

export interface UnitTestOptions {
  /** Where promtool's warnings go (a rule_files pattern that matches nothing). */
  warn?: (line: string) => void;
}

/** Runs one test file; returns promtool's error texts (none when every group passed). */
export async function runUnitTestFile(file: string, opts: UnitTestOptions = {}): Promise<string[]> {
  const warn = opts.warn ?? ((l: string) => process.stderr.write(l + '\n'));
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return [
      `open ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`,
    ];
  }
  let utf;
  try {
    utf = parseUnitTestFile(text);
  } catch (err) {
    if (err instanceof UnitTestFileError) return [err.message];
    throw err;
  }
  const ruleFiles: string[] = [];
  for (const rf of utf.ruleFiles) {
    const pattern = rf !== '' && !isAbsolute(rf) ? join(dirname(file), rf) : rf;
    const m = glob(pattern);
    if (m.length === 0) warn(`  WARNING: no file match pattern ${pattern}`);
    ruleFiles.push(...m);
  }
  const evalInterval = utf.evaluationIntervalMs || DEFAULT_EVAL_INTERVAL_MS;
  const order = new Map<string, number>();
  for (const [i, g] of utf.groupEvalOrder.entries()) {
    if (order.has(g)) return [`group name repeated in evaluation order: ${g}`];
    order.set(g, i);
  }
  const loaded = new Map<string, ReturnType<typeof loadRuleFile>>();
  const load = (f: string) => {
    let p = loaded.get(f);
    if (!p) loaded.set(f, (p = loadRuleFile(f)));
    return p;
  };
  const errs: string[] = [];
  for (const tg of utf.tests) {
    errs.push(...(await runTestGroup(tg, evalInterval, order, ruleFiles, load)));
  }
  return errs;
}

interface LoadedSeries {
  labels: LabelSet;
  samples: { t: number; v: number; stale: boolean }[];
}

function loadInput(tg: TestGroup): LoadedSeries[] | string {
  const out: LoadedSeries[] = [];
  for (const [i, is] of tg.inputSeries.entries()) {
    try {
      const labels = parseSeriesLabels(is.series);
      const samples: LoadedSeries['samples'] = [];
      parseSeriesValues(is.values).forEach((s, j) => {
        if (s.kind === 'omitted') return;
        samples.push({ t: j * tg.intervalMs, v: s.kind === 'value' ? s.v : NaN, stale: s.kind === 'stale' });
      });
      out.push({ labels, samples });
    } catch (err) {
      return `${i + 2}: input series ${goQuote(is.series)}: ${(err as Error).message}`;
    }
  }
  return out;
}

interface GotAlert {
  labels: LabelSet;
  annotations: Record<string, string>;
}

function compareAlerts(a: GotAlert, b: GotAlert): number {
  return compareLabels(a.labels, b.labels) || compareLabels(a.annotations, b.annotations);
}

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const ak = Object.keys(a);
  return ak.length === Object.keys(b).length && ak.every((k) => k in b && a[k] === b[k]);
}

/** labelsAndAnnotations.String() with promtool's indentation of exp/got. */
function alertsString(list: GotAlert[]): string {
  if (list.length === 0) return '[]';
  const ind = '            ';
  const parts = list.map(
    (a, i) =>
      `${i === 0 ? '' : ','}\n${ind}${i}:\n${ind}  Labels:${goLabels(a.labels)}\n${ind}  Annotations:${goLabels(a.annotations)}`,
  );
  return `[${parts.join('')}\n${ind}]`;
}

async function runTestGroup(
  tg: TestGroup,
  evalInterval: number,
  order: Map<string, number>,
  ruleFiles: string[],
  load: (f: string) => ReturnType<typeof loadRuleFile>,
): Promise<string[]> {
  const input = loadInput(tg);
  if (typeof input === 'string') return [input];
  const store = new MemorySeries();
  for (const s of input) for (const x of s.samples) store.append(s.labels, x.t, x.v, x.stale);

  const defs: RuleGroupDef[] = [];
  for (const f of ruleFiles) {
    const p = load(f);
    if (p.errors.length > 0) return p.errors;
    defs.push(...p.groups);
  }
  const query = engineQueryFunc(store, {
    compat: '2.42',
    lookbackDeltaMs: 300_000,
    defaultSubqueryStepMs: evalInterval,
  });
  const env = { query, externalLabels: tg.externalLabels, externalURL: tg.externalURL };
  const groups = defs
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (order.get(a.d.name) ?? 0) - (order.get(b.d.name) ?? 0) || a.i - b.i)
    .map(({ d }) => new RuleGroup({ ...d, intervalMs: d.intervalMs || tg.intervalMs }, env, store));

  const byTime = new Map<number, TestGroup['alertRuleTests']>();
  for (const a of tg.alertRuleTests) {
    if (a.alertname === '') {
      const where = tg.name !== '' ? ` (in TestGroup ${tg.name})` : '';
      return [
        `an item under alert_rule_test misses required attribute alertname at eval_time ${goModelDuration(a.evalTimeMs)}${where}`,
      ];
    }
    const list = byTime.get(a.evalTimeMs) ?? [];
    list.push(a);
    byTime.set(a.evalTimeMs, list);
  }
  const alertTimes = [...byTime.keys()].sort((a, b) => a - b);
  const maxt = Math.max(
    0,
    ...tg.alertRuleTests.map((a) => a.evalTimeMs),
    ...tg.promqlExprTests.map((p) => p.evalTimeMs),
  );

  const errs: string[] = [];
  let curr = 0;
  for (let ts = 0; ts <= maxt; ts += evalInterval) {
    store.loadTill(ts);
    const evalErrs: string[] = [];
    for (const g of groups) {
      g.eval(ts);
      for (const st of g.statuses) {
        if (st.health === 'err')
          evalErrs.push(`    rule: ${st.def.name}, time: ${goTimeDuration(ts)}, err: ${st.lastError}`);
      }
    }
    errs.push(...evalErrs);
    if (evalErrs.length > 0) return errs;

    while (curr < alertTimes.length && ts <= alertTimes[curr] && alertTimes[curr] < ts + evalInterval) {
      const t = alertTimes[curr];
      const cases = byTime.get(t)!;
      const names = new Set(cases.map((c) => c.alertname));
      const got = new Map<string, GotAlert[]>();
      for (const g of groups) {
        for (const r of g.rules) {
          if (!(r instanceof AlertingRule) || !names.has(r.def.name)) continue;
          const list = got.get(r.def.name) ?? [];
          for (const a of r.activeAlerts())
            if (a.state === 'firing')
              list.push({ labels: { ...a.labels }, annotations: { ...a.annotations } });
          got.set(r.def.name, list);
        }
      }
      for (const c of cases) {
        const gotAlerts = [...(got.get(c.alertname) ?? [])].sort(compareAlerts);
        const exp = c.expAlerts
          .map((a) => ({ labels: { ...a.expLabels, alertname: c.alertname }, annotations: a.expAnnotations }))
          .sort(compareAlerts);
        const equal =
          exp.length === gotAlerts.length &&
          exp.every(
            (e, i) =>
              sameRecord(e.labels, gotAlerts[i].labels) &&
              sameRecord(e.annotations, gotAlerts[i].annotations),
          );
        if (!equal) {
          const name = tg.name !== '' ? `    name: ${tg.name},\n` : '';
          errs.push(
            `${name}    alertname: ${c.alertname}, time: ${goModelDuration(c.evalTimeMs)}, \n        exp:${alertsString(exp)}, \n        got:${alertsString(gotAlerts)}`,
          );
        }
      }
      curr++;
    }
  }

  for (const tc of tg.promqlExprTests) {
    const head = `    expr: ${goQuote(tc.expr)}, time: ${goModelDuration(tc.evalTimeMs)}`;
    let got: { labels: LabelSet; v: number }[];
    try {
      got = query(tc.expr, tc.evalTimeMs);
    } catch (err) {
      errs.push(`${head}, err: ${(err as Error).message}`);
      continue;
    }
    const exp: { labels: LabelSet; v: number }[] = [];
    let bad = false;
    for (const s of tc.expSamples) {
      try {
        exp.push({ labels: expectedLabels(s.labels), v: s.value });
      } catch (err) {
        errs.push(`${head}, err: labels ${goQuote(s.labels)}: ${(err as Error).message}`);
        bad = true;
        break;
      }
    }
    if (bad) continue;
    exp.sort((a, b) => compareLabels(a.labels, b.labels));
    const gotSorted = [...got].sort((a, b) => compareLabels(a.labels, b.labels));
    const equal =
      exp.length === gotSorted.length &&
      exp.every((e, i) => sameRecord(e.labels, gotSorted[i].labels) && e.v === gotSorted[i].v);
    if (!equal) {
      errs.push(`${head},\n        exp: ${samplesString(exp)}\n        got: ${samplesString(gotSorted)}`);
    }
  }
  return errs;
}

/** parser.ParseMetric: `name`, `name{a="b"}` or `{__name__="x"}`; no label set at all is an empty one. */
function expectedLabels(text: string): LabelSet {
  if (/^\s*(\{\s*\})?\s*$/.test(text)) return {};
  return parseSeriesLabels(text);
}

function samplesString(list: { labels: LabelSet; v: number }[]): string {
  if (list.length === 0) return 'nil';
  return list.map((s) => `${goLabels(s.labels)} ${goFloatE(s.v)}`).join(', ');
}
