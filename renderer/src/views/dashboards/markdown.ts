// A tiny, safe Markdown subset for text panels: headings, paragraphs, lists, **bold**, *italic*,
// `code` and [links](http...). It yields a tree of plain data that React renders as elements;
// no HTML from the text is ever parsed, so no script in it can run.
export type MdInline =
  | { kind: 'text'; text: string }
  | { kind: 'strong' | 'em' | 'code'; text: string }
  | { kind: 'link'; text: string; href: string };

export type MdBlock =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; inline: MdInline[] }
  | { kind: 'para'; inline: MdInline[] }
  | { kind: 'list'; items: MdInline[][] };

/** Only http(s) and mailto links keep their target; anything else (javascript:, data:) is text. */
export function safeHref(href: string): string | null {
  return /^(https?:\/\/|mailto:)/i.test(href.trim()) ? href.trim() : null;
}

export function parseInline(text: string): MdInline[] {
  const out: MdInline[] = [];
  const re = /\*\*([^*]+)\*\*|\*([^*]+)\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'strong', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'em', text: m[2] });
    else if (m[3] !== undefined) out.push({ kind: 'code', text: m[3] });
    else {
      const href = safeHref(m[5]);
      out.push(href ? { kind: 'link', text: m[4], href } : { kind: 'text', text: m[4] });
    }
    last = re.lastIndex;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

/** HTML tags in the text are dropped (their content kept), so `<script>` shows nothing and runs nothing. */
const stripTags = (s: string) => s.replace(/<\/?[a-zA-Z][^>]*>/g, '');

export function parseMarkdown(source: string): MdBlock[] {
  const blocks: MdBlock[] = [];
  let para: string[] = [];
  let list: MdInline[][] | null = null;
  const flush = () => {
    if (para.length) blocks.push({ kind: 'para', inline: parseInline(para.join(' ')) });
    para = [];
    if (list) blocks.push({ kind: 'list', items: list });
    list = null;
  };
  const text = stripTags(source.replace(/<script[\s\S]*?<\/script>/gi, ''));
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    const li = /^[-*+]\s+(.*)$/.exec(line);
    if (!line) flush();
    else if (h) {
      flush();
      blocks.push({ kind: 'heading', level: h[1].length as 1, inline: parseInline(h[2]) });
    } else if (li) {
      if (para.length) flush();
      (list ??= []).push(parseInline(li[1]));
    } else {
      if (list) flush();
      para.push(line);
    }
  }
  flush();
  return blocks;
}
