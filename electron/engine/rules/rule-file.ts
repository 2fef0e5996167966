// Rule files as promtool 2.42 reads and checks them (rulefmt): strict YAML (an unknown field is an
// "unmarshal error" with its line), then every check rulefmt makes, each in its words with the
// line:column of the node it concerns ("7:15: group "g", rule 1, "x": could not parse expression: ...").
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { ABSENT, FAILSAFE, StrictYamlReader, type Pos } from './strict-yaml';
import { alertTemplateParseError } from '../../../shared/templates/expand';
import { parseDuration } from '../../../shared/duration';
import { parseExpr } from '../query/parser';
import type { RuleDef, RuleGroupDef } from './types';

export interface ParsedRuleFile {
  groups: RuleGroupDef[];
  /** promtool's messages, each already prefixed with the file name as promtool prints them. */
  errors: string[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const GROUPS_FIELDS = ['groups'];
const GROUP_FIELDS = ['name', 'interval', 'limit', 'rules'];
const RULE_FIELDS = ['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations'];

export const isValidMetricName = (s: string): boolean => METRIC_NAME.test(s);
export const isValidLabelName = (s: string): boolean => LABEL_NAME.test(s);

class DurationError extends Error {}

function duration(p: Pos): number {
  if (p.value === '') return 0;
  const ms = parseDuration(p.value);
  if (ms === null) throw new DurationError(`not a valid duration string: "${p.value}"`);
  return ms;
}

interface RawRule {
  record: Pos;
  alert: Pos;
  expr: Pos;
  forMs: number;
  keepMs: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  line: number;
}

/** rulefmt's RuleNode.Validate: each problem with the node it points at. */
function validateRule(r: RawRule): { err: string; node?: Pos; alt?: Pos }[] {
  const out: { err: string; node?: Pos; alt?: Pos }[] = [];
  if (r.record.value !== '' && r.alert.value !== '')
    out.push({ err: "only one of 'record' and 'alert' must be set", node: r.record, alt: r.alert });
  if (r.record.value === '' && r.alert.value === '')
    out.push({ err: "one of 'record' or 'alert' must be set", node: r.record });
  if (r.expr.value === '') out.push({ err: "field 'expr' must be set in rule", node: r.expr });
  else {
    try {
      parseExpr(r.expr.value);
    } catch (err) {
      out.push({ err: `could not parse expression: ${(err as Error).message}`, node: r.expr });
    }
  }
  if (r.record.value !== '') {
    if (Object.keys(r.annotations).length > 0)
      out.push({ err: "invalid field 'annotations' in recording rule", node: r.record });
    if (r.forMs !== 0) out.push({ err: "invalid field 'for' in recording rule", node: r.record });
    if (r.keepMs !== 0)
      out.push({ err: "invalid field 'keep_firing_for' in recording rule", node: r.record });
    if (!isValidMetricName(r.record.value))
      out.push({ err: `invalid recording rule name: ${r.record.value}`, node: r.record });
  }
  for (const k of Object.keys(r.labels).sort()) {
    if (!isValidLabelName(k) || k === '__name__') out.push({ err: `invalid label name: ${k}` });
  }
  for (const k of Object.keys(r.annotations).sort()) {
    if (!isValidLabelName(k)) out.push({ err: `invalid annotation name: ${k}` });
  }
  if (r.alert.value !== '') {
    for (const [what, m] of [
      ['label', r.labels],
      ['annotation', r.annotations],
    ] as const) {
      for (const k of Object.keys(m).sort()) {
        const e = alertTemplateParseError(r.alert.value, m[k]);
        if (e !== undefined) out.push({ err: `${what} ${JSON.stringify(k)}: ${e}` });
      }
    }
  }
  return out;
}

/** Parses and checks a rule file's text; `file` names it in every message. */
export function parseRuleFile(text: string, file: string): ParsedRuleFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { ...FAILSAFE, lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line;
    return { groups: [], errors: [`${file}: yaml: line ${line}: ${e.message.split('\n')[0]}`] };
  }
  const r = new StrictYamlReader(doc, lines);
  const groups: RuleGroupDef[] = [];
  const rawRules: RawRule[][] = [];
  const groupPos: { line: number; col: number }[] = [];
  try {
    const top = r.fields(doc.contents, GROUPS_FIELDS, 'rulefmt.RuleGroups');
    for (const g of r.items(top.get('groups')?.value, '[]rulefmt.RuleGroup')) {
      const f = r.fields(g, GROUP_FIELDS, 'rulefmt.RuleGroup');
      const limitText = r.scalar(f.get('limit')?.value, 'int').value;
      let limit = 0;
      if (limitText !== '') {
        if (!/^[-+]?[0-9]+$/.test(limitText)) {
          r.unmarshal.push(
            `line ${r.at(f.get('limit')?.value).line}: cannot unmarshal !!str \`${limitText}\` into int`,
          );
        } else limit = Number(limitText);
      }
      const raws: RawRule[] = [];
      for (const rn of r.items(f.get('rules')?.value, '[]rulefmt.RuleNode')) {
        const rf = r.fields(rn, RULE_FIELDS, 'rulefmt.RuleNode');
        const pos = (k: string): Pos => (rf.has(k) ? r.scalar(rf.get(k)?.value) : ABSENT);
        raws.push({
          record: pos('record'),
          alert: pos('alert'),
          expr: pos('expr'),
          forMs: duration(pos('for')),
          keepMs: duration(pos('keep_firing_for')),
          labels: r.stringMap(rf.get('labels')?.value),
          annotations: r.stringMap(rf.get('annotations')?.value),
          line: r.at(rn).line,
        });
      }
      groups.push({
        name: r.scalar(f.get('name')?.value).value,
        file,
        intervalMs: duration(r.scalar(f.get('interval')?.value)),
        limit,
        rules: [],
      });
      rawRules.push(raws);
      groupPos.push(r.at(g));
    }
  } catch (err) {
    if (err instanceof DurationError) return { groups: [], errors: [`${file}: ${err.message}`] };
    throw err;
  }
  if (r.unmarshal.length > 0)
    return { groups: [], errors: [`${file}: yaml: unmarshal errors:\n  ${r.unmarshal.join('\n  ')}`] };

  const errors: string[] = [];
  const seen = new Set<string>();
  groups.forEach((g, j) => {
    const gp = groupPos[j];
    if (g.name === '') errors.push(`${file}: ${gp.line}:${gp.col}: Groupname must not be empty`);
    if (seen.has(g.name))
      errors.push(`${file}: ${gp.line}:${gp.col}: groupname: "${g.name}" is repeated in the same file`);
    seen.add(g.name);
    rawRules[j].forEach((raw, i) => {
      const ruleName = raw.alert.value !== '' ? raw.alert.value : raw.record.value;
      for (const p of validateRule(raw)) {
        const where = p.alt
          ? `${p.node!.line}:${p.node!.col}: ${p.alt.line}:${p.alt.col}: `
          : p.node
            ? `${p.node.line}:${p.node.col}: `
            : '';
        errors.push(
          `${file}: ${where}group ${JSON.stringify(g.name)}, rule ${i + 1}, ${JSON.stringify(ruleName)}: ${p.err}`,
        );
      }
      const def: RuleDef = {
        kind: raw.alert.value !== '' ? 'alert' : 'record',
        name: ruleName,
        expr: raw.expr.value,
        forMs: raw.forMs,
        keepFiringForMs: raw.keepMs,
        labels: raw.labels,
        annotations: raw.annotations,
        line: raw.line,
      };
      g.rules.push(def);
    });
  });
  return { groups: errors.length > 0 ? [] : groups, errors };
}

/** Reads and checks a rule file; a file that cannot be read is one error, as rulefmt.ParseFile. */
export function loadRuleFile(file: string): ParsedRuleFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why =
      e.code === 'ENOENT' ? 'no such file or directory' : e.code === 'EISDIR' ? 'is a directory' : e.message;
    return { groups: [], errors: [`${file}: error reading file: open ${file}: ${why}`] };
  }
  return parseRuleFile(text, file);
}
