// Turns a rule's fields as written into a RelabelRule, with Prometheus 2.42's checks and wording
// (model/relabel Config.UnmarshalYAML). The error names the field at fault, so the config reader
// can point at its line.
import { compileRelabelRegex, type RelabelRegex } from './regex';
import { RELABEL_ACTIONS, RELABEL_DEFAULTS, type RelabelAction, type RelabelRule } from './rule';
import { RE2JS } from 're2js';

/** A rule's fields as read from YAML; absent = not written. `regex: null` is a written empty regex. */
export interface RelabelFields {
  action?: string;
  source_labels?: string[];
  separator?: string;
  regex?: string | null;
  modulus?: bigint;
  target_label?: string;
  replacement?: string;
}

export type RelabelField = keyof RelabelFields;

export class RelabelRuleError extends Error {
  /** `field`: the key at fault, or null for the rule as a whole. */
  constructor(
    readonly field: RelabelField | null,
    message: string,
  ) {
    super(message);
    this.name = 'RelabelRuleError';
  }
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
// Prometheus's relabelTarget: names with $-references. Nested repeats, so RE2, not backtracking.
const TEMPLATE_TARGET = RE2JS.compile('^(?:(?:[a-zA-Z_]|\\$(?:\\{\\w+\\}|\\w+))+\\w*)+$');
const isTemplateTarget = (s: string) => TEMPLATE_TARGET.matcher(s).find();

export function checkRelabelRule(f: RelabelFields): RelabelRule {
  const written = f.action ?? RELABEL_DEFAULTS.action;
  // `action: ~` (null) leaves it empty, as Go's YAML does.
  if (written === '') throw new RelabelRuleError('action', 'relabel action cannot be empty');
  const action = written.toLowerCase() as RelabelAction;
  if (!RELABEL_ACTIONS.includes(action)) {
    throw new RelabelRuleError('action', `unknown relabel action ${JSON.stringify(written)}`);
  }
  for (const n of f.source_labels ?? []) {
    if (!LABEL_NAME.test(n))
      throw new RelabelRuleError('source_labels', `${JSON.stringify(n)} is not a valid label name`);
  }
  let regex: RelabelRegex;
  try {
    regex = compileRelabelRegex(f.regex === undefined ? RELABEL_DEFAULTS.regex : (f.regex ?? ''));
  } catch (err) {
    throw new RelabelRuleError('regex', (err as Error).message);
  }
  const rule: RelabelRule = {
    action,
    sourceLabels: f.source_labels ?? [],
    separator: f.separator ?? RELABEL_DEFAULTS.separator,
    regex,
    regexIsDefault: f.regex === undefined,
    modulus: f.modulus ?? 0n,
    targetLabel: f.target_label ?? '',
    replacement: f.replacement ?? RELABEL_DEFAULTS.replacement,
  };
  const fail = (field: RelabelField | null, msg: string) => new RelabelRuleError(field, msg);
  const quoted = (s: string) => JSON.stringify(s);
  const needsTarget = ['replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal'];
  const caseOrEqual = ['lowercase', 'uppercase', 'keepequal', 'dropequal'];
  if (rule.modulus === 0n && action === 'hashmod')
    throw fail('modulus', 'relabel configuration for hashmod requires non-zero modulus');
  if (needsTarget.includes(action) && rule.targetLabel === '')
    throw fail('target_label', `relabel configuration for ${action} action requires 'target_label' value`);
  if ((action === 'replace' || caseOrEqual.includes(action)) && !isTemplateTarget(rule.targetLabel))
    throw fail('target_label', `${quoted(rule.targetLabel)} is invalid 'target_label' for ${action} action`);
  if (caseOrEqual.includes(action) && rule.replacement !== RELABEL_DEFAULTS.replacement)
    throw fail('replacement', `'replacement' can not be set for ${action} action`);
  if (action === 'labelmap' && !isTemplateTarget(rule.replacement))
    throw fail('replacement', `${quoted(rule.replacement)} is invalid 'replacement' for ${action} action`);
  if (action === 'hashmod' && !LABEL_NAME.test(rule.targetLabel))
    throw fail('target_label', `${quoted(rule.targetLabel)} is invalid 'target_label' for ${action} action`);
  if (
    (action === 'keepequal' || action === 'dropequal') &&
    (!rule.regexIsDefault ||
      rule.modulus !== 0n ||
      rule.separator !== RELABEL_DEFAULTS.separator ||
      rule.replacement !== RELABEL_DEFAULTS.replacement)
  )
    throw fail(
      null,
      `${action} action requires only 'source_labels' and \`target_label\`, and no other fields`,
    );
  if (
    (action === 'labeldrop' || action === 'labelkeep') &&
    (f.source_labels !== undefined ||
      rule.targetLabel !== '' ||
      rule.modulus !== 0n ||
      rule.separator !== RELABEL_DEFAULTS.separator ||
      rule.replacement !== RELABEL_DEFAULTS.replacement)
  )
    throw fail(null, `${action} action requires only 'regex', and no other fields`);
  return rule;
}
