// The relabel debugger's Api call: a request (labels and rules typed in, a target being edited, a
// target in the list, a config job on a dropped target's labels) resolved to a start label set,
// rules and job defaults, then run step by step and finished as populateLabels finishes a target.
import type { LabelSet, RelabelDebugRequest, RelabelDebugResult, TargetView } from '../../../shared/api';
import { ConfigError, parseRelabelConfigs, type PrometheusConfig } from '../config/prometheus-config';
import { uiTargetLabels } from '../targets';
import { debugSteps, rulesYaml } from './debug-steps';
import { finishLabels, publicLabels, withJobDefaults, type JobDefaults } from './populate';
import type { RelabelRule } from './rule';
import { targetUrl } from './target-url';

export interface RelabelDebugSources {
  config: PrometheusConfig | null;
  targets: readonly TargetView[];
}

/** Where typed labels get their job defaults: Prometheus's global ones. */
const TYPED_DEFAULTS: Omit<JobDefaults, 'jobName'> = {
  scheme: 'http',
  metricsPath: '/metrics',
  scrapeIntervalMs: 60_000,
  scrapeTimeoutMs: 10_000,
  params: {},
};

interface Resolved {
  start: LabelSet;
  rules: RelabelRule[];
  rulesText: string;
  job: JobDefaults;
  tcp: boolean;
}

/** Runs the debugger; a request naming no known target or job throws, saying which. */
export function debugRelabel(req: RelabelDebugRequest, src: RelabelDebugSources): RelabelDebugResult {
  let r: Resolved;
  try {
    r = resolve(req, src);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const at = /^\[(\d+)\]/.exec(err.key);
    const labels = 'labels' in req ? req.labels : {};
    const text = 'rules' in req ? req.rules : 'target' in req ? (req.target.relabelConfigs ?? '') : '';
    return {
      labels,
      rules: text,
      steps: [],
      droppedBy: null,
      outcome: null,
      error: {
        rule: at ? Number(at[1]) : null,
        line: err.line,
        key: err.key,
        message: err.message.slice(`${err.file}:${err.line}: ${err.key}: `.length),
      },
    };
  }
  const { steps, droppedBy, final } = debugSteps(r.start, r.rules);
  const base = { labels: r.start, rules: r.rulesText, steps, droppedBy, error: null };
  if (final === null) return { ...base, outcome: { kind: 'dropped' } };
  const t = finishLabels(final, r.start, r.job);
  if (t.kind !== 'active') return { ...base, outcome: t.kind === 'failed' ? t : { kind: 'dropped' } };
  const scrapeUrl = r.tcp ? `tcp://${t.labels.__address__}` : targetUrl(t.labels, r.job.params);
  return { ...base, outcome: { kind: 'active', labels: publicLabels(t.labels), scrapeUrl } };
}

function resolve(req: RelabelDebugRequest, src: RelabelDebugSources): Resolved {
  if ('rules' in req) {
    const rules = parseRelabelConfigs(req.rules, 'rules');
    const job = { ...TYPED_DEFAULTS, jobName: req.labels.job ?? '' };
    return {
      start: nonEmpty(withJobDefaults(req.labels, job)),
      rules,
      rulesText: req.rules,
      job,
      tcp: false,
    };
  }
  if ('target' in req) return uiTarget(req.target);
  if ('targetId' in req) {
    const view = src.targets.find((t) => t.id === req.targetId);
    if (!view) throw new Error(`no target with id "${req.targetId}"`);
    if (view.source === 'ui') return uiTarget(view.input);
    return configJob(src, view.input.job, view.discoveredLabels ?? {}, view.input.kind === 'tcp-stream');
  }
  return configJob(src, req.job, req.labels, false);
}

function uiTarget(input: TargetView['input']): Resolved {
  const text = input.relabelConfigs ?? '';
  const rules = text.trim() === '' ? [] : parseRelabelConfigs(text, 'relabelConfigs');
  const { labels, job } = uiTargetLabels(input);
  return {
    start: withJobDefaults(labels, job),
    rules,
    rulesText: text,
    job,
    tcp: input.kind === 'tcp-stream',
  };
}

function configJob(src: RelabelDebugSources, name: string, labels: LabelSet, tcp: boolean): Resolved {
  const sc = src.config?.scrapeConfigs.find((s) => s.jobName === name);
  if (!sc) throw new Error(`no job "${name}" in the config file`);
  const rules = sc.relabelConfigs;
  return {
    start: withJobDefaults(labels, sc),
    rules,
    rulesText: rulesYaml(rules),
    job: sc,
    tcp: tcp || !!sc.tcpStream,
  };
}

/** An empty value is no label (a typed set with no job gets none). */
function nonEmpty(l: LabelSet): LabelSet {
  for (const n of Object.keys(l)) if (l[n] === '') delete l[n];
  return l;
}
