// Maps a JSON document to samples for a JSON target: rules that pick values by JSON path and
// name them (metric name, type, help, labels from paths or from the keys wildcards matched),
// value transforms (booleans → 0/1, numeric strings, string enums → numbers, scale, offset),
// and an "every number in the document" mode. Pure: the engine's ingest and the target
// editor's live preview run the same code.
import { evalJsonPath, isObject, parseJsonPath, type PathMatch, type PathStep } from './json-path';
import { presetRules, JSON_PRESETS } from './json-presets';
import type { JsonMetricRule, JsonMetricType, JsonValueTransform } from './json-rule';

export type { JsonMetricRule, JsonMetricType, JsonValueTransform } from './json-rule';

export interface JsonMapping {
  /** A built-in preset (see JSON_PRESETS): its rules come before `metrics`. */
  preset?: string;
  /** Name prefix for the `all-numbers` preset (default "json"). */
  prefix?: string;
  metrics?: JsonMetricRule[];
}

export interface JsonSample {
  name: string;
  /** Label pairs name, value, name, value, ... (without __name__). */
  labels: string[];
  value: number;
}

export interface JsonFamily {
  name: string;
  type: JsonMetricType;
  help: string;
}

export interface JsonMappingResult {
  samples: JsonSample[];
  families: JsonFamily[];
}

/** A body or mapping problem; the message names the rule and path. */
export class JsonMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonMappingError';
  }
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Parses a JSON body, with the position of a syntax error in the message. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new JsonMappingError(`malformed JSON: ${(err as Error).message}`);
  }
}

/** Checks a mapping without a document: unknown preset, bad paths, names or labels. */
export function checkJsonMapping(m: JsonMapping): string | null {
  try {
    compile(m);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

interface CompiledRule {
  rule: JsonMetricRule;
  steps: PathStep[];
  labels: [string, (match: PathMatch, root: unknown) => string][];
}

function compile(m: JsonMapping): { rules: CompiledRule[]; allNumbers: boolean } {
  let allNumbers = false;
  const rules: JsonMetricRule[] = [];
  if (m.preset) {
    if (!Object.hasOwn(JSON_PRESETS, m.preset)) {
      throw new JsonMappingError(
        `unknown JSON preset "${m.preset}" (known: ${Object.keys(JSON_PRESETS).join(', ')})`,
      );
    }
    if (m.preset === 'all-numbers') allNumbers = true;
    else rules.push(...presetRules(m.preset));
  }
  rules.push(...(m.metrics ?? []));
  if (!allNumbers && rules.length === 0) {
    throw new JsonMappingError('the JSON mapping has no preset and no metrics');
  }
  return { rules: rules.map(compileRule), allNumbers };
}

function compileRule(rule: JsonMetricRule): CompiledRule {
  const where = `metric "${rule.name}" (path ${rule.path})`;
  const steps = parseJsonPath(rule.path);
  const labels: CompiledRule['labels'] = [];
  for (const [name, spec] of Object.entries(rule.labels ?? {})) {
    if (!LABEL_NAME.test(name) || name.startsWith('__')) {
      throw new JsonMappingError(`${where}: "${name}" is not a valid label name`);
    }
    labels.push([name, labelGetter(spec, where)]);
  }
  return { rule, steps, labels };
}

function labelGetter(spec: string, where: string): (m: PathMatch, root: unknown) => string {
  const key = /^\$key(\d*)$/.exec(spec);
  if (key) {
    const n = key[1] ? Number(key[1]) : 0;
    return (m) => {
      const k = n === 0 ? m.keys[m.keys.length - 1] : m.keys[n - 1];
      if (k === undefined) throw new JsonMappingError(`${where}: ${spec} has no wildcard to take a key from`);
      return k;
    };
  }
  if (spec.startsWith('@') || spec.startsWith('$.') || spec.startsWith('$[')) {
    const steps = parseJsonPath(spec);
    const relative = spec.startsWith('@');
    return (m, root) => {
      const hit = evalJsonPath(steps, relative ? m.scope : root)[0];
      return hit === undefined ? '' : scalarText(hit.value);
    };
  }
  return () => spec;
}

function scalarText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function substituteName(name: string, keys: string[]): string {
  const out = name.replace(/\$key(\d*)/g, (_, d: string) => {
    const k = d ? keys[Number(d) - 1] : keys[keys.length - 1];
    return k === undefined ? '' : k;
  });
  return sanitizeName(out);
}

/** Any text → a valid metric name (invalid characters become "_"). */
export function sanitizeName(s: string): string {
  let out = s.replace(/[^a-zA-Z0-9_:]/g, '_');
  if (!/^[a-zA-Z_:]/.test(out)) out = '_' + out;
  return out;
}

/** A JSON value as a sample value, or null when there is none (null, object, array). */
export function jsonNumber(v: unknown, t: JsonValueTransform | undefined, where: string): number | null {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'boolean') n = v ? 1 : 0;
  else if (typeof v === 'string') {
    if (t?.enum && Object.hasOwn(t.enum, v)) n = t.enum[v];
    else if (v.trim() !== '' && Number.isFinite(Number(v))) n = Number(v);
    else if (t?.enum) {
      throw new JsonMappingError(`${where}: "${v}" is not one of ${Object.keys(t.enum).join(', ')}`);
    } else throw new JsonMappingError(`${where}: "${v}" is not a number (add an enum transform)`);
  } else return null;
  if (t?.scale !== undefined) n *= t.scale;
  if (t?.offset !== undefined) n += t.offset;
  return n;
}

/** Applies a mapping to a parsed document; throws JsonMappingError on the first problem. */
export function mapJson(doc: unknown, mapping: JsonMapping): JsonMappingResult {
  const { rules, allNumbers } = compile(mapping);
  const samples: JsonSample[] = [];
  const families = new Map<string, JsonFamily>();
  const family = (name: string, type: JsonMetricType, help: string) => {
    if (!families.has(name)) families.set(name, { name, type, help });
  };
  for (const c of rules) {
    const where = `metric "${c.rule.name}" (path ${c.rule.path})`;
    const matches = evalJsonPath(c.steps, doc);
    let produced = 0;
    for (const m of matches) {
      const value = jsonNumber(m.value, c.rule.transform, where);
      if (value === null) continue;
      const name = substituteName(c.rule.name, m.keys);
      if (!METRIC_NAME.test(name))
        throw new JsonMappingError(`${where}: "${name}" is not a valid metric name`);
      const labels: string[] = [];
      for (const [ln, get] of c.labels) labels.push(ln, get(m, doc));
      samples.push({ name, labels, value });
      family(name, c.rule.type ?? 'gauge', c.rule.help ?? '');
      produced++;
    }
    if (produced === 0 && !c.rule.optional) {
      throw new JsonMappingError(
        matches.length === 0
          ? `JSON path ${c.rule.path} matched nothing (metric "${c.rule.name}")`
          : `JSON path ${c.rule.path} matched no number, boolean or numeric string (metric "${c.rule.name}")`,
      );
    }
  }
  if (allNumbers) {
    const before = samples.length;
    everyNumber(doc, sanitizeName(mapping.prefix ?? 'json'), [], samples);
    for (let i = before; i < samples.length; i++) family(samples[i].name, 'gauge', '');
    if (samples.length === before && rules.length === 0) {
      throw new JsonMappingError('the JSON document has no numbers or booleans');
    }
  }
  return { samples, families: [...families.values()] };
}

/** Every number and boolean: the object keys joined by "_" name it, array indexes are labels. */
function everyNumber(node: unknown, name: string, labels: string[], out: JsonSample[]): void {
  if (typeof node === 'number' || typeof node === 'boolean') {
    out.push({ name, labels, value: typeof node === 'boolean' ? (node ? 1 : 0) : node });
  } else if (Array.isArray(node)) {
    let depth = 0;
    for (let i = 0; i < labels.length; i += 2) if (labels[i].startsWith('index')) depth++;
    const ln = depth === 0 ? 'index' : `index${depth + 1}`;
    node.forEach((v, i) => everyNumber(v, name, [...labels, ln, String(i)], out));
  } else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) everyNumber(v, sanitizeName(`${name}_${k}`), labels, out);
  }
}
