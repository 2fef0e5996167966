// Prometheus's target-group list (file_sd files, http_sd answers): [{targets: [...], labels: {...}}].
// Checked as Prometheus's targetgroup unmarshalling checks it; an error says which group and why.
import { parse as parseYaml } from 'yaml';
import type { LabelSet } from '../../../shared/api';
import type { TargetGroup } from '../targets';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export class TargetGroupError extends Error {}

/** Parses a JSON or YAML text of target groups; throws TargetGroupError naming what is wrong. */
export function parseTargetGroups(text: string, format: 'json' | 'yaml'): TargetGroup[] {
  let raw: unknown;
  try {
    raw = format === 'json' ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true });
  } catch (err) {
    throw new TargetGroupError(`not valid ${format.toUpperCase()}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) throw new TargetGroupError('expected a list of target groups');
  return raw.map((g: unknown, i) => groupOf(g, i));
}

function groupOf(g: unknown, i: number): TargetGroup {
  if (g === null) throw new TargetGroupError(`nil target group item found (index ${i})`);
  if (typeof g !== 'object' || Array.isArray(g))
    throw new TargetGroupError(`target group ${i}: expected a mapping with targets and labels`);
  const targets: LabelSet[] = [];
  const labels: LabelSet = {};
  for (const [key, value] of Object.entries(g as Record<string, unknown>)) {
    if (key === 'targets') {
      if (value === null) continue;
      if (!Array.isArray(value)) throw new TargetGroupError(`target group ${i}: targets must be a list`);
      for (const t of value) {
        if (typeof t !== 'string') throw new TargetGroupError(`target group ${i}: a target must be a string`);
        targets.push({ __address__: t });
      }
    } else if (key === 'labels') {
      if (value === null) continue;
      if (typeof value !== 'object' || Array.isArray(value))
        throw new TargetGroupError(`target group ${i}: labels must be a mapping`);
      for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
        if (!LABEL_NAME.test(name))
          throw new TargetGroupError(`target group ${i}: "${name}" is not a valid label name`);
        if (typeof v !== 'string')
          throw new TargetGroupError(`target group ${i}: label ${name} must be a string`);
        labels[name] = v;
      }
    } else throw new TargetGroupError(`target group ${i}: unknown field "${key}"`);
  }
  return { targets, labels };
}
