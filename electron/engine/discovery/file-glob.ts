// The files a file_sd pattern names now: a wildcard is allowed in the last path element only (as
// Prometheus's config check), so one readdir per pattern, matched as Go's filepath.Match.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function expandFilePattern(pattern: string): string[] {
  const name = basename(pattern);
  // As filepath.Glob: a plain path names its file only while the file exists.
  if (!/[*?[\\]/.test(name)) return existsSync(pattern) ? [pattern] : [];
  const dir = dirname(pattern);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const re = globRegExp(name);
  return entries
    .filter((e) => re.test(e))
    .sort()
    .map((e) => join(dir, e));
}

/** Go's filepath.Match syntax for one path element: *, ?, [class], [^class], \\escape. */
function globRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) return /$^/; // a malformed class matches nothing, as filepath.Glob's error
      let cls = glob.slice(i + 1, end);
      if (cls.startsWith('^')) cls = '^' + cls.slice(1).replace(/[\\\]]/g, '\\$&');
      else cls = cls.replace(/[\\\]^]/g, '\\$&');
      out += `[${cls}]`;
      i = end;
    } else if (c === '\\' && i + 1 < glob.length) out += escape(glob[++i]);
    else out += escape(c);
  }
  return new RegExp(`^${out}$`);
}

function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
