// promtool 2.42's unit-test file (cmd/promtool/unittest.go), read as yaml.v2's UnmarshalStrict
// reads it into its Go types: an unknown field is an error naming its line and the type.
import { LineCounter, parseDocument } from 'yaml';
import { parseDuration } from '../../../shared/duration';
import { FAILSAFE, StrictYamlReader } from './strict-yaml';

export interface UnitTestFile {
  ruleFiles: string[];
  /** 0: promtool's default (1m). */
  evaluationIntervalMs: number;
  groupEvalOrder: string[];
  tests: TestGroup[];
}

export interface TestGroup {
  /** 0 when absent: promtool 2.42 then loads every input sample at time 0. */
  intervalMs: number;
  inputSeries: { series: string; values: string }[];
  alertRuleTests: AlertTestCase[];
  promqlExprTests: PromqlTestCase[];
  externalLabels: Record<string, string>;
  externalURL: string;
  name: string;
}

export interface AlertTestCase {
  evalTimeMs: number;
  alertname: string;
  expAlerts: { expLabels: Record<string, string>; expAnnotations: Record<string, string> }[];
}

export interface PromqlTestCase {
  expr: string;
  evalTimeMs: number;
  expSamples: { labels: string; value: number }[];
}

export class UnitTestFileError extends Error {
  override name = 'UnitTestFileError';
}

const FILE_FIELDS = ['rule_files', 'evaluation_interval', 'group_eval_order', 'tests'];
const GROUP_FIELDS = [
  'interval',
  'input_series',
  'alert_rule_test',
  'promql_expr_test',
  'external_labels',
  'external_url',
  'name',
];

/** Throws UnitTestFileError with yaml.v2's or model.Duration's words. */
export function parseUnitTestFile(text: string): UnitTestFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { ...FAILSAFE, lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line;
    throw new UnitTestFileError(`yaml: line ${line}: ${e.message.split('\n')[0]}`);
  }
  const r = new StrictYamlReader(doc, lines);
  const dur = (n: unknown): number => {
    const t = r.scalar(n, 'model.Duration').value;
    if (t === '') return 0;
    const ms = parseDuration(t);
    if (ms === null) throw new UnitTestFileError(`not a valid duration string: "${t}"`);
    return ms;
  };
  const str = (n: unknown): string => r.scalar(n).value;
  const strings = (n: unknown): string[] => r.items(n, '[]string').map(str);
  const top = r.fields(doc.contents, FILE_FIELDS, 'main.unitTestFile');
  const file: UnitTestFile = {
    ruleFiles: strings(top.get('rule_files')?.value),
    evaluationIntervalMs: dur(top.get('evaluation_interval')?.value),
    groupEvalOrder: strings(top.get('group_eval_order')?.value),
    tests: r.items(top.get('tests')?.value, '[]main.testGroup').map((g) => {
      const f = r.fields(g, GROUP_FIELDS, 'main.testGroup');
      return {
        intervalMs: dur(f.get('interval')?.value),
        inputSeries: r.items(f.get('input_series')?.value, '[]main.series').map((s) => {
          const sf = r.fields(s, ['series', 'values'], 'main.series');
          return { series: str(sf.get('series')?.value), values: str(sf.get('values')?.value) };
        }),
        alertRuleTests: r.items(f.get('alert_rule_test')?.value, '[]main.alertTestCase').map((a) => {
          const af = r.fields(a, ['eval_time', 'alertname', 'exp_alerts'], 'main.alertTestCase');
          return {
            evalTimeMs: dur(af.get('eval_time')?.value),
            alertname: str(af.get('alertname')?.value),
            expAlerts: r.items(af.get('exp_alerts')?.value, '[]main.alert').map((x) => {
              const xf = r.fields(x, ['exp_labels', 'exp_annotations'], 'main.alert');
              return {
                expLabels: r.stringMap(xf.get('exp_labels')?.value),
                expAnnotations: r.stringMap(xf.get('exp_annotations')?.value),
              };
            }),
          };
        }),
        promqlExprTests: r.items(f.get('promql_expr_test')?.value, '[]main.promqlTestCase').map((p) => {
          const pf = r.fields(p, ['expr', 'eval_time', 'exp_samples'], 'main.promqlTestCase');
          return {
            expr: str(pf.get('expr')?.value),
            evalTimeMs: dur(pf.get('eval_time')?.value),
            expSamples: r.items(pf.get('exp_samples')?.value, '[]main.sample').map((s) => {
              const sf = r.fields(s, ['labels', 'value'], 'main.sample');
              const vt = str(sf.get('value')?.value);
              const value = vt === '' ? 0 : goYamlFloat(vt);
              if (value === undefined) {
                r.unmarshal.push(
                  `line ${r.at(sf.get('value')?.value).line}: cannot unmarshal !!str \`${vt}\` into float64`,
                );
              }
              return { labels: str(sf.get('labels')?.value), value: value ?? 0 };
            }),
          };
        }),
        externalLabels: r.stringMap(f.get('external_labels')?.value),
        externalURL: str(f.get('external_url')?.value),
        name: str(f.get('name')?.value),
      };
    }),
  };
  if (r.unmarshal.length > 0)
    throw new UnitTestFileError(`yaml: unmarshal errors:\n  ${r.unmarshal.join('\n  ')}`);
  return file;
}

/** A YAML float as yaml.v2 reads one into float64 (.inf, .nan, 1e3, 0x10). */
function goYamlFloat(t: string): number | undefined {
  const s = t.trim();
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(s)) return NaN;
  if (/^[-+]?(\d[\d_]*)?\.?\d*([eE][-+]?\d+)?$/.test(s) && /\d/.test(s)) return Number(s.replace(/_/g, ''));
  if (/^[-+]?0x[0-9a-fA-F]+$/.test(s)) return Number(s);
  return undefined;
}
