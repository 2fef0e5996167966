// The linter's view of a parsed body: each sample attributed to its metric family (the way
// promtool's expfmt and OpenMetrics group them) with the suffix it carries, so checks can reason
// per family: a histogram's `_bucket`, `_sum` and `_count` lines belong to the `h` family.
import type { ExpositionFormat, FamilyMeta, MetricType, ParsedExposition, ParsedSample } from '../types';
import type { LabelSet } from '../../api';

/** A HELP, TYPE or UNIT line as written; the parsed FamilyMeta keeps only the last of each. */
export interface MetaLine {
  kind: 'HELP' | 'TYPE' | 'UNIT';
  name: string;
  text: string;
  line: number;
}

export interface SampleRef {
  sample: ParsedSample;
  /** '' or the type suffix that tied the sample to its family, e.g. '_bucket'. */
  suffix: string;
}

export interface FamilyModel {
  name: string;
  /** Null for a family only seen through samples (no HELP or TYPE line). */
  meta: FamilyMeta | null;
  type: MetricType | null;
  /** OpenMetrics UNIT, when the parser reports one. */
  unit: string | null;
  unitLine: number | null;
  samples: SampleRef[];
  /** Where findings about the family as a whole point: its TYPE, else HELP, else first sample. */
  line: number | null;
}

export interface LintModel {
  format: ExpositionFormat;
  families: FamilyModel[];
  samples: readonly ParsedSample[];
  /** Every metadata line, when the caller could provide them (lintText does). */
  metaLines: readonly MetaLine[] | null;
}

/** FamilyMeta as the OpenMetrics parser extends it. */
type MetaWithUnit = FamilyMeta & { unit?: string | null; unitLine?: number | null };

// Suffixes a family's samples may carry. The text format knows only histogram and summary
// children (expfmt); OpenMetrics names every sample of a family by its type.
const TEXT_SUFFIXES: Partial<Record<MetricType, readonly string[]>> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['_sum', '_count'],
};
const OM_SUFFIXES: Partial<Record<MetricType, readonly string[]>> = {
  counter: ['_total', '_created'],
  histogram: ['_bucket', '_sum', '_count', '_created'],
  gaugehistogram: ['_bucket', '_gsum', '_gcount'],
  summary: ['_sum', '_count', '_created'],
  info: ['_info'],
};
const ALL_SUFFIXES = ['_bucket', '_sum', '_count', '_created', '_total', '_gsum', '_gcount', '_info'];

export function buildModel(
  parsed: ParsedExposition,
  format: ExpositionFormat,
  metaLines: readonly MetaLine[] | null,
): LintModel {
  const byName = new Map<string, FamilyModel>();
  const families: FamilyModel[] = [];
  for (const meta of parsed.families) {
    const m = meta as MetaWithUnit;
    const fam: FamilyModel = {
      name: meta.name,
      meta,
      type: meta.type,
      unit: m.unit ?? null,
      unitLine: m.unitLine ?? null,
      samples: [],
      line: meta.typeLine ?? meta.helpLine ?? m.unitLine ?? null,
    };
    byName.set(meta.name, fam);
    families.push(fam);
  }
  const table = format === 'openmetrics' ? OM_SUFFIXES : TEXT_SUFFIXES;
  for (const sample of parsed.samples) {
    const { family, suffix } = resolve(sample.name, byName, table);
    let fam = family;
    if (fam === null) {
      fam = {
        name: sample.name,
        meta: null,
        type: null,
        unit: null,
        unitLine: null,
        samples: [],
        line: sample.line,
      };
      byName.set(sample.name, fam);
      families.push(fam);
    }
    if (fam.line === null) fam.line = sample.line;
    fam.samples.push({ sample, suffix });
  }
  return { format, families, samples: parsed.samples, metaLines };
}

function resolve(
  name: string,
  byName: Map<string, FamilyModel>,
  table: Partial<Record<MetricType, readonly string[]>>,
): { family: FamilyModel | null; suffix: string } {
  const exact = byName.get(name);
  if (exact !== undefined) return { family: exact, suffix: '' };
  for (const suffix of ALL_SUFFIXES) {
    if (!name.endsWith(suffix)) continue;
    const fam = byName.get(name.slice(0, -suffix.length));
    if (fam === undefined || fam.meta === null || fam.type === null) continue;
    if (table[fam.type]?.includes(suffix)) return { family: fam, suffix };
  }
  return { family: null, suffix: '' };
}

/** The sample's labels other than `skip`, as a label set (for labelsKey). */
export function labelsWithout(labels: readonly string[], skip: string): LabelSet {
  const out: LabelSet = {};
  for (let i = 0; i < labels.length; i += 2) if (labels[i] !== skip) out[labels[i]] = labels[i + 1];
  return out;
}

/** The value of label `name`, or undefined. */
export function labelValue(labels: readonly string[], name: string): string | undefined {
  for (let i = 0; i < labels.length; i += 2) if (labels[i] === name) return labels[i + 1];
  return undefined;
}
