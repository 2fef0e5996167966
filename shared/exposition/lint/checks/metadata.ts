// HELP and TYPE lines: present, once, before the family's samples, and one type per name.
import { finding } from '../finding';
import type { FamilyModel, MetaLine } from '../model';
import type { LintFinding } from '../types';
import type { Check } from './check';

export const checkHelp: Check = ({ model }) => {
  const out: LintFinding[] = [];
  for (const fam of model.families) {
    const help = fam.meta?.help ?? null;
    if (help === null) {
      out.push(
        finding(
          'missing-help',
          'warning',
          fam.line,
          fam.name,
          `${fam.name}: no help text`,
          `add "# HELP ${fam.name} <what it measures>" before its samples`,
        ),
      );
    } else if (help === '') {
      out.push(
        finding(
          'empty-help',
          'info',
          fam.meta?.helpLine ?? fam.line,
          fam.name,
          `${fam.name}: HELP text is empty`,
          'say what the metric measures, and in which unit',
        ),
      );
    }
    if ((fam.meta === null || fam.type === null) && fam.samples.length > 0) {
      out.push(
        finding(
          'missing-type',
          'info',
          fam.line,
          fam.name,
          `${fam.name}: no TYPE line, so the metric is untyped`,
          `add "# TYPE ${fam.name} counter|gauge|histogram|summary" before its samples`,
        ),
      );
    }
  }
  return out;
};

/** First sample line per family, for "metadata after samples". */
function firstSampleLine(fam: FamilyModel): number | null {
  return fam.samples.length > 0 ? fam.samples[0].sample.line : null;
}

export const checkMetadataLines: Check = ({ model }) => {
  const out: LintFinding[] = [];
  const byName = new Map<string, FamilyModel>();
  for (const fam of model.families) byName.set(fam.name, fam);
  // Without the individual lines, the last HELP/TYPE per family still tells "after samples".
  const lines: readonly MetaLine[] =
    model.metaLines ??
    model.families.flatMap((f): MetaLine[] => {
      const m = f.meta;
      if (m === null) return [];
      const l: MetaLine[] = [];
      if (m.helpLine !== null) l.push({ kind: 'HELP', name: f.name, text: m.help ?? '', line: m.helpLine });
      if (m.typeLine !== null) l.push({ kind: 'TYPE', name: f.name, text: m.type ?? '', line: m.typeLine });
      return l;
    });
  const seen = new Map<string, MetaLine>();
  for (const ml of lines) {
    const fam = byName.get(ml.name);
    const first = fam === undefined ? null : firstSampleLine(fam);
    if (first !== null && ml.line > first) {
      out.push(
        finding(
          ml.kind === 'HELP'
            ? 'help-after-samples'
            : ml.kind === 'TYPE'
              ? 'type-after-samples'
              : 'unit-after-samples',
          'warning',
          ml.line,
          ml.name,
          `${ml.name}: ${ml.kind} line comes after the family's samples (first on line ${first})`,
          `move the ${ml.kind} line above the first sample of ${ml.name}; parsers attach metadata to what follows`,
        ),
      );
    }
    const key = `${ml.kind} ${ml.name}`;
    const prev = seen.get(key);
    seen.set(key, ml);
    if (prev === undefined) continue;
    if (ml.kind === 'TYPE' && prev.text !== ml.text) {
      out.push(
        finding(
          'conflicting-type',
          'error',
          ml.line,
          ml.name,
          `${ml.name}: declared as ${ml.text} here but as ${prev.text} on line ${prev.line}`,
          'a metric name has exactly one type: rename one of the two metrics',
        ),
      );
    } else {
      out.push(
        finding(
          `duplicate-${ml.kind.toLowerCase()}`,
          'warning',
          ml.line,
          ml.name,
          `${ml.name}: second ${ml.kind} line (first on line ${prev.line})`,
          `keep one ${ml.kind} line per metric family and group its samples under it`,
        ),
      );
    }
  }
  return out;
};

// Series names a typed family owns besides its own name.
const CHILD_SUFFIXES: Record<string, readonly string[]> = {
  histogram: ['_bucket', '_sum', '_count'],
  gaugehistogram: ['_bucket', '_gsum', '_gcount'],
  summary: ['_sum', '_count'],
  counter: ['_total'],
  info: ['_info'],
};

export const checkNameClashes: Check = ({ model }) => {
  const out: LintFinding[] = [];
  const declared = new Map<string, FamilyModel>();
  for (const fam of model.families) if (fam.meta !== null) declared.set(fam.name, fam);
  for (const fam of model.families) {
    const suffixes = fam.type === null ? undefined : CHILD_SUFFIXES[fam.type];
    if (suffixes === undefined) continue;
    // The text format's counters carry _total in the family name itself.
    if (fam.type === 'counter' && model.format !== 'openmetrics') continue;
    for (const s of suffixes) {
      const other = declared.get(fam.name + s);
      if (other === undefined) continue;
      out.push(
        finding(
          'name-clash',
          'error',
          other.line,
          other.name,
          `${other.name}: clashes with the ${s} series of ${fam.type} ${fam.name} (line ${fam.line})`,
          `rename one of them; ${fam.name}${s} already belongs to ${fam.name}`,
        ),
      );
    }
  }
  return out;
};

export const checkFamilyLayout: Check = ({ model }) => {
  const out: LintFinding[] = [];
  const familyOf = new Map<object, FamilyModel>();
  for (const fam of model.families) {
    for (const ref of fam.samples) familyOf.set(ref.sample, fam);
    if (fam.meta !== null && fam.samples.length === 0) {
      out.push(
        finding(
          'family-without-samples',
          'info',
          fam.line,
          fam.name,
          `${fam.name}: HELP/TYPE but no samples`,
          'fine for a metric with no series yet; otherwise check the sample names match the family',
        ),
      );
    }
  }
  // The formats want a family's samples in one group; a split family confuses streaming parsers.
  const closed = new Set<FamilyModel>();
  const reported = new Set<FamilyModel>();
  let current: FamilyModel | null = null;
  for (const sample of model.samples) {
    const fam = familyOf.get(sample);
    if (fam === undefined || fam === current) continue;
    if (current !== null) closed.add(current);
    current = fam;
    if (closed.has(fam) && !reported.has(fam)) {
      reported.add(fam);
      out.push(
        finding(
          'family-not-contiguous',
          'warning',
          sample.line,
          fam.name,
          `${fam.name}: samples resume here after other metrics; a family's samples must form one group`,
          `write all samples of ${fam.name} together, right after its HELP and TYPE lines`,
        ),
      );
    }
  }
  return out;
};
