// A relabel rule as Prometheus 2.42 defines it (model/relabel): the actions and the defaults
// every rule starts from (separator ";", regex "(.*)", replacement "$1", action replace).
import type { RelabelRegex } from './regex';

export const RELABEL_ACTIONS = [
  'replace',
  'keep',
  'drop',
  'keepequal',
  'dropequal',
  'hashmod',
  'labelmap',
  'labeldrop',
  'labelkeep',
  'lowercase',
  'uppercase',
] as const;

export type RelabelAction = (typeof RELABEL_ACTIONS)[number];

export const RELABEL_DEFAULTS = {
  action: 'replace' as RelabelAction,
  separator: ';',
  regex: '(.*)',
  replacement: '$1',
} as const;

/** One checked rule, ready to apply. */
export interface RelabelRule {
  action: RelabelAction;
  sourceLabels: string[];
  separator: string;
  regex: RelabelRegex;
  /** Whether the regex is the default one (Prometheus tells it by pointer; a written one is not). */
  regexIsDefault: boolean;
  /** hashmod's modulus (0n for other actions). */
  modulus: bigint;
  targetLabel: string;
  replacement: string;
}
