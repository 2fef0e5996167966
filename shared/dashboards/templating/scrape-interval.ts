// The scrape interval behind a query, for $__interval's low limit and $__rate_interval: Grafana
// takes one setting per datasource, which the user must keep in step by hand; Promdesk knows each
// target's own interval. A query's label matchers on target labels (job="node", instance=~"a.*")
// pick the targets it reads; the slowest of them counts, so a rate window always spans two of
// its scrapes. A query that names no target label reads any of them: the slowest of all.
import type { TargetView } from '../../api';

/** Grafana's default when nothing is known (its Prometheus datasource's 15s). */
export const DEFAULT_SCRAPE_INTERVAL_S = 15;

interface TextMatcher {
  name: string;
  op: '=' | '=~' | '!=' | '!~';
  value: string;
}

// Label matchers as written in PromQL text: name op "value" (double, single or back quotes).
const MATCHER =
  /([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|`([^`]*)`)/g;

function unquote(s: string): string {
  return s.replace(
    /\\(.)/g,
    (_, c: string) => ({ n: '\n', t: '\t', '\\': '\\', '"': '"', "'": "'" })[c] ?? c,
  );
}

function matchers(expr: string): TextMatcher[] {
  const out: TextMatcher[] = [];
  for (const m of expr.matchAll(MATCHER)) {
    const raw = m[3] !== undefined ? unquote(m[3]) : m[4] !== undefined ? unquote(m[4]) : m[5];
    out.push({ name: m[1], op: m[2] as TextMatcher['op'], value: raw });
  }
  return out;
}

function takes(m: TextMatcher, value: string): boolean {
  if (m.op === '=') return value === m.value;
  if (m.op === '!=') return value !== m.value;
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${m.value})$`, 's');
  } catch {
    return true; // a regex JS cannot read: do not narrow by it
  }
  return m.op === '=~' ? re.test(value) : !re.test(value);
}

/** The scrape interval (seconds) of the slowest target `expr` reads, per its target-label matchers. */
export function scrapeIntervalFor(
  expr: string,
  targets: readonly Pick<TargetView, 'input' | 'targetLabels'>[],
): number {
  const valid = targets.filter(
    (t) => t.input && Number.isFinite(t.input.intervalMs) && t.input.intervalMs > 0,
  );
  if (!valid.length) return DEFAULT_SCRAPE_INTERVAL_S;
  const ms = matchers(expr);
  const picked = valid.filter((t) =>
    ms.every((m) => !Object.hasOwn(t.targetLabels, m.name) || takes(m, t.targetLabels[m.name])),
  );
  const from = picked.length ? picked : valid;
  return Math.max(...from.map((t) => t.input.intervalMs)) / 1000;
}
