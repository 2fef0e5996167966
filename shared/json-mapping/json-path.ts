// A small JSON path language for JSON targets: `$` (the document), `.key`, `['key']` or
// `["key"]`, `[3]`, and the wildcards `.*` / `[*]` (every key of an object or index of an
// array). Each wildcard captures the key it matched, so keys can become labels or names.

export type PathStep = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'wild' };

export interface PathMatch {
  value: unknown;
  /** Keys (or indexes, as strings) matched by the path's wildcards, in order. */
  keys: string[];
  /** The node the last wildcard matched (the document when the path has none). */
  scope: unknown;
}

export class JsonPathError extends Error {
  constructor(path: string, detail: string) {
    super(`invalid JSON path "${path}": ${detail}`);
    this.name = 'JsonPathError';
  }
}

/** Parses a path; `$` may be left out (`temp` = `$.temp`). `@` starts a relative path. */
export function parseJsonPath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  let i = 0;
  const s = path.trim();
  if (s === '') throw new JsonPathError(path, 'empty');
  if (s[0] === '$' || s[0] === '@') i = 1;
  else steps.push(...parseJsonPath((s[0] === '[' ? '$' : '$.') + s));
  if (i === 0) return steps;
  while (i < s.length) {
    const c = s[i];
    if (c === '.') {
      i++;
      if (s[i] === '*') {
        steps.push({ kind: 'wild' });
        i++;
        continue;
      }
      const m = /^[^.[\]]+/.exec(s.slice(i));
      if (!m) throw new JsonPathError(path, `expected a key after "." at ${i}`);
      steps.push({ kind: 'key', key: m[0] });
      i += m[0].length;
    } else if (c === '[') {
      const rest = s.slice(i);
      let m: RegExpExecArray | null;
      if ((m = /^\[\s*\*\s*\]/.exec(rest))) steps.push({ kind: 'wild' });
      else if ((m = /^\[\s*(\d+)\s*\]/.exec(rest))) steps.push({ kind: 'index', index: Number(m[1]) });
      else if (
        (m = /^\[\s*'((?:[^'\\]|\\.)*)'\s*\]/.exec(rest)) ||
        (m = /^\[\s*"((?:[^"\\]|\\.)*)"\s*\]/.exec(rest))
      )
        steps.push({ kind: 'key', key: m[1].replace(/\\(.)/g, '$1') });
      else throw new JsonPathError(path, `unreadable bracket at ${i}`);
      i += m[0].length;
    } else throw new JsonPathError(path, `unexpected "${c}" at ${i}`);
  }
  return steps;
}

/** Every node the path reaches, with the keys its wildcards matched (document order). */
export function evalJsonPath(steps: readonly PathStep[], root: unknown): PathMatch[] {
  const out: PathMatch[] = [];
  const walk = (node: unknown, at: number, keys: string[], scope: unknown) => {
    if (at === steps.length) {
      out.push({ value: node, keys, scope });
      return;
    }
    const step = steps[at];
    if (step.kind === 'key') {
      if (isObject(node) && Object.hasOwn(node, step.key)) walk(node[step.key], at + 1, keys, scope);
    } else if (step.kind === 'index') {
      if (Array.isArray(node) && step.index < node.length) walk(node[step.index], at + 1, keys, scope);
    } else if (Array.isArray(node)) {
      node.forEach((v, i) => walk(v, at + 1, [...keys, String(i)], v));
    } else if (isObject(node)) {
      for (const [k, v] of Object.entries(node)) walk(v, at + 1, [...keys, k], v);
    }
  };
  walk(root, 0, [], root);
  return out;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
