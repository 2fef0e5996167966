// Go's filepath.Glob for rule_files: `*`, `?` and `[...]` within one path segment (no `**`),
// matches sorted; a pattern without those is the file itself when it exists.
import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

const MAGIC = /[*?[]/;

function segmentRegex(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 2);
      if (end < 0) throw new Error('syntax error in pattern');
      let cls = seg.slice(i + 1, end);
      if (cls.startsWith('^')) cls = '^' + cls.slice(1);
      re += `[${cls.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '\\' && i + 1 < seg.length) re += seg[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const exists = (p: string): boolean => {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
};

export function glob(pattern: string): string[] {
  if (!MAGIC.test(pattern)) return exists(pattern) ? [pattern] : [];
  const parts = pattern.split(sep);
  let bases = [parts[0] === '' ? sep : '.'];
  for (let i = parts[0] === '' ? 1 : 0; i < parts.length; i++) {
    const seg = parts[i];
    const next: string[] = [];
    for (const b of bases) {
      if (!MAGIC.test(seg)) {
        const p = join(b, seg);
        if (exists(p)) next.push(p);
        continue;
      }
      let names: string[];
      try {
        names = readdirSync(b);
      } catch {
        continue;
      }
      const re = segmentRegex(seg);
      for (const n of names.sort()) if (re.test(n)) next.push(join(b, n));
    }
    bases = next;
  }
  return bases.sort();
}
