// The HELP, TYPE and comment lines of a target's last body, kept for the text parser: a body
// scraped again repeats them (half of node_exporter's lines), so at a run of '#' lines the parser
// first compares the run the last body had there (one native string comparison for the lines
// together), and on a match replays what those lines gave instead of scanning them again. Each
// line's meaning depends on its own text only (runs with a quoted name, the one form the
// utf8Names setting changes, are not kept), so a replay gives what a parse would.
/** One line of a run: a TYPE line (type set), a HELP line (help text) or a comment. */
export interface MetaEvent {
  kind: 'type' | 'help' | 'comment';
  /** The metric name ('' for a comment). */
  name: string;
  /** HELP text, the type's name or the comment's whole text. */
  text: string;
  /** The line's length with its newline. */
  length: number;
}

interface Block {
  /** The lines as written, each with its newline. */
  text: string;
  /** One event per line. */
  events: MetaEvent[];
}

/** How many runs past the expected one a lookup also tries (a run added or gone upstream). */
const LOOKAHEAD = 3;

export class MetaBlocks {
  /** The last complete body's runs in order; the body in progress fills `next`. */
  private order: Block[] = [];
  private next: Block[] = [];
  private nextLen = 0;
  private cursor = 0;

  /** Starts a body. */
  begin(): void {
    this.cursor = 0;
    this.nextLen = 0;
  }

  /** The events of the run the last body had next, if src continues with it at `start`. */
  match(src: string, start: number): MetaEvent[] | undefined {
    const stop = Math.min(this.order.length, this.cursor + LOOKAHEAD + 1);
    for (let k = this.cursor; k < stop; k++) {
      const b = this.order[k];
      const text = b.text;
      if (src.charCodeAt(start + text.length - 1) !== 10 || src.slice(start, start + text.length) !== text) {
        continue;
      }
      this.cursor = k + 1;
      this.next[this.nextLen++] = b;
      return b.events;
    }
    return undefined;
  }

  /** A run the parser read in full: src[start, end) (whole lines) gave `events`. */
  add(src: string, start: number, end: number, events: MetaEvent[]): void {
    // Own copies: a slice would keep the whole body alive for as long as the run is unchanged.
    for (const e of events) {
      e.name = ownCopy(e.name);
      e.text = ownCopy(e.text);
    }
    this.next[this.nextLen++] = { text: ownCopy(src.slice(start, end)), events };
  }

  /** The body parsed completely: its runs are what the next body is expected to repeat. */
  complete(): void {
    const done = this.next;
    if (done.length > this.nextLen) done.length = this.nextLen;
    this.next = this.order;
    this.order = done;
  }
}

/** A flat copy of `s` that refers to no other string (JSON's round trip is exact for any string). */
function ownCopy(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}
