// What every check receives and returns.
import type { LintModel } from '../model';
import type { LintFinding } from '../types';

export interface CheckContext {
  model: LintModel;
  /** Distinct values of one label within a family above which the family is flagged. */
  cardinalityLimit: number;
}

export type Check = (ctx: CheckContext) => LintFinding[];

/** Whether a family declares a type that has rules (untyped and unknown have none). */
export function isTyped(type: string | null): boolean {
  return type !== null && type !== 'untyped' && type !== 'unknown';
}

export function isHistogramType(type: string | null): boolean {
  return type === 'histogram' || type === 'gaugehistogram';
}
