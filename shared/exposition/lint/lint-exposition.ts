// The linter: promtool's `check metrics` rules and more, over a parsed body.
import type { ExpositionFormat, ParsedExposition } from '../types';
import { checkCardinality } from './checks/cardinality';
import type { Check } from './checks/check';
import { checkCounterValues } from './checks/counters';
import { checkHistograms } from './checks/histograms';
import { checkInfoAndStateset } from './checks/info-stateset';
import { checkLabelNames } from './checks/labels';
import { checkFamilyLayout, checkHelp, checkMetadataLines, checkNameClashes } from './checks/metadata';
import {
  checkCounterSuffix,
  checkNameCharacters,
  checkReservedSuffixes,
  checkTypeInName,
} from './checks/naming';
import { checkCanonicalFloats, checkDuplicateSeries, checkTimestamps } from './checks/series';
import { checkSummaries } from './checks/summaries';
import { checkBaseUnits, checkUnitAbbreviations, checkUnitSuffix } from './checks/units';
import { sortFindings } from './finding';
import { buildModel, type MetaLine } from './model';
import type { LintFinding } from './types';

export const DEFAULT_CARDINALITY_LIMIT = 100;

export interface LintOptions {
  /** How the body was parsed; decides how samples group into families. Default: text. */
  format?: ExpositionFormat;
  /** Distinct values of one label per family above which it is flagged; 0 turns it off. */
  cardinalityLimit?: number;
  /** Every HELP/TYPE/UNIT line (see collectMetaLines), for duplicate and conflicting metadata. */
  metaLines?: readonly MetaLine[];
}

const CHECKS: readonly Check[] = [
  checkHelp,
  checkMetadataLines,
  checkNameClashes,
  checkFamilyLayout,
  checkCounterSuffix,
  checkReservedSuffixes,
  checkTypeInName,
  checkNameCharacters,
  checkBaseUnits,
  checkUnitAbbreviations,
  checkUnitSuffix,
  checkLabelNames,
  checkDuplicateSeries,
  checkCanonicalFloats,
  checkTimestamps,
  checkCounterValues,
  checkHistograms,
  checkSummaries,
  checkInfoAndStateset,
  checkCardinality,
];

/** All findings for a parsed body, sorted by line. */
export function lintExposition(parsed: ParsedExposition, opts: LintOptions = {}): LintFinding[] {
  const model = buildModel(parsed, opts.format ?? 'prometheus-text', opts.metaLines ?? null);
  const ctx = { model, cardinalityLimit: opts.cardinalityLimit ?? DEFAULT_CARDINALITY_LIMIT };
  const findings: LintFinding[] = [];
  for (const check of CHECKS) for (const f of check(ctx)) findings.push(f);
  return sortFindings(findings);
}

/** Whether findings make `promdesk lint` fail: any error or warning (info does not count). */
export function hasProblems(findings: readonly LintFinding[]): boolean {
  return findings.some((f) => f.severity !== 'info');
}
