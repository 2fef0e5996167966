// Groups samples into metric families for the families table: which family a sample name belongs
// to (histogram `_bucket`, OpenMetrics counter `_total` ...), series and findings per family.
import type { FamilyMeta, MetricType, ParsedSample } from '../../../shared/exposition';
import type { LintFinding } from '../../../shared/exposition/lint/types';

export interface FamilyRow {
  name: string;
  type: MetricType | null;
  unit: string | null;
  help: string | null;
  series: number;
  errors: number;
  warnings: number;
  infos: number;
  /** First line that mentions the family (HELP, TYPE or a sample). */
  firstLine: number | null;
}

const SUFFIXES = ['_bucket', '_count', '_sum', '_total', '_created', '_gcount', '_gsum', '_info'];

/** The family a sample (or finding) name belongs to: a declared family, else the name itself. */
export function familyResolver(families: readonly FamilyMeta[]): (name: string) => string {
  const declared = new Set(families.map((f) => f.name));
  return (name) => {
    if (declared.has(name)) return name;
    for (const s of SUFFIXES) {
      if (name.endsWith(s)) {
        const base = name.slice(0, -s.length);
        if (declared.has(base)) return base;
      }
    }
    return name;
  };
}

function minLine(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

/**
 * One row per family, in order of first appearance; samples without HELP or TYPE form an
 * untyped family of their own name. `familyOf[i]` is the family of `samples[i]`.
 */
export function buildFamilyRows(
  families: readonly FamilyMeta[],
  samples: readonly ParsedSample[],
  findings: readonly LintFinding[],
): { rows: FamilyRow[]; familyOf: string[] } {
  const resolve = familyResolver(families);
  const byName = new Map<string, FamilyRow>();
  const row = (name: string): FamilyRow => {
    let r = byName.get(name);
    if (!r) {
      r = {
        name,
        type: null,
        unit: null,
        help: null,
        series: 0,
        errors: 0,
        warnings: 0,
        infos: 0,
        firstLine: null,
      };
      byName.set(name, r);
    }
    return r;
  };
  for (const f of families) {
    const r = row(f.name);
    r.type = f.type;
    r.help = f.help;
    r.unit = f.unit || null;
    r.firstLine = minLine(minLine(f.typeLine, f.helpLine), f.unitLine ?? null);
  }
  const familyOf: string[] = new Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    const name = resolve(s.name);
    familyOf[i] = name;
    const r = row(name);
    r.series++;
    if (r.firstLine === null || s.line < r.firstLine) r.firstLine = s.line;
  }
  for (const f of findings) {
    if (f.family === null) continue;
    const r = byName.get(resolve(f.family));
    if (!r) continue;
    if (f.severity === 'error') r.errors++;
    else if (f.severity === 'warning') r.warnings++;
    else r.infos++;
  }
  const rows = [...byName.values()].sort(
    (a, b) => (a.firstLine ?? Infinity) - (b.firstLine ?? Infinity) || (a.name < b.name ? -1 : 1),
  );
  return { rows, familyOf };
}
