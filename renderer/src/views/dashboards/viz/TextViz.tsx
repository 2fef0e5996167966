// A text panel: Markdown (a safe subset, see markdown.ts) or, for mode html, the text with its
// tags dropped. Nothing from the panel becomes HTML, so no script in it runs.
import type { ReactNode } from 'react';
import { parseMarkdown, type MdInline } from '../markdown';

function Inline({ parts }: { parts: MdInline[] }): ReactNode {
  return parts.map((p, i) => {
    switch (p.kind) {
      case 'strong':
        return <strong key={i}>{p.text}</strong>;
      case 'em':
        return <em key={i}>{p.text}</em>;
      case 'code':
        return <code key={i}>{p.text}</code>;
      case 'link':
        return (
          <a key={i} href={p.href} target="_blank" rel="noreferrer noopener">
            {p.text}
          </a>
        );
      default:
        return p.text;
    }
  });
}

export function TextViz({ content }: { content: string }) {
  const blocks = parseMarkdown(content);
  return (
    <div className="dash-text">
      {blocks.map((b, i) => {
        if (b.kind === 'heading') {
          const H = `h${Math.min(6, b.level + 2)}` as 'h3';
          return (
            <H key={i}>
              <Inline parts={b.inline} />
            </H>
          );
        }
        if (b.kind === 'list')
          return (
            <ul key={i}>
              {b.items.map((it, j) => (
                <li key={j}>
                  <Inline parts={it} />
                </li>
              ))}
            </ul>
          );
        return (
          <p key={i}>
            <Inline parts={b.inline} />
          </p>
        );
      })}
    </div>
  );
}
