// The scrape cache's memory of series texts as written in a target's body (`a{b="c"}`), for the
// text parser's fast path. Bodies of one target repeat themselves line for line, so the text to
// expect at each line is the one at the same place in the previous body: one comparison confirms
// it, with no hashing and no label parsing. A line that differs takes the full parse, is looked
// up (or added) by its text, and puts the expectation back in step for the lines after it.
import { ownString } from './own-string';

interface TextEntry<R> {
  text: string;
  rec: R;
  /** Index in the previous body's order (-1 until a body that has it completes). */
  pos: number;
}

export class SeriesTextCache<R> {
  private readonly byText = new Map<string, TextEntry<R>>();
  /** The last complete body's entries, in body order: what to expect next time. */
  private order: TextEntry<R>[] = [];
  /**
   * The body in progress fills `next` from index 0; complete() swaps it with `order`. Both arrays
   * are reused rather than made anew per body: an array that lives for one scrape interval
   * outlives young-generation GCs, so a fresh one per scrape would be old-space garbage.
   */
  private next: TextEntry<R>[] = [];
  private nextLen = 0;
  private cursor = 0;
  private matched: TextEntry<R> | undefined;

  /** Starts a body. */
  begin(): void {
    this.cursor = 0;
    this.nextLen = 0;
    this.matched = undefined;
  }

  /** The length of the expected text if src continues with it at `start`, else -1. */
  match(src: string, start: number): number {
    const e = this.order[this.cursor];
    if (e === undefined) return -1;
    const text = e.text;
    // A slice and === beats startsWith here: V8's startsWith walks the characters one by one,
    // while equal-length strings compare as memory; the slice is short-lived young garbage.
    if (src.slice(start, start + text.length) !== text) return -1;
    this.matched = e;
    return text.length;
  }

  /** The record of the text match() found (the parser confirmed the line), moving past it. */
  takeMatched(): R {
    const e = this.matched!;
    this.cursor++;
    this.next[this.nextLen++] = e;
    return e.rec;
  }

  /** The record of a text the full parse found, if known; expects its successor next. */
  lookup(text: string): R | undefined {
    const e = this.byText.get(text);
    if (e === undefined) return undefined;
    if (e.pos >= 0) this.cursor = e.pos + 1;
    this.next[this.nextLen++] = e;
    return e.rec;
  }

  /** `text` is copied out of the body it was cut from (a slice would keep the whole body alive). */
  add(text: string, rec: R): void {
    const e: TextEntry<R> = { text: ownString(text), rec, pos: -1 };
    this.byText.set(e.text, e);
    this.next[this.nextLen++] = e;
  }

  /** The body parsed completely: its order is what the next body is expected to repeat. */
  complete(): void {
    const done = this.next;
    // Trim what an earlier, longer body left beyond this one (it would be expected, and kept).
    if (done.length > this.nextLen) done.length = this.nextLen;
    this.next = this.order;
    this.order = done;
    for (let i = 0; i < this.order.length; i++) this.order[i].pos = i;
  }

  /** Forgets the texts of records `keep` rejects. */
  prune(keep: (rec: R) => boolean): void {
    for (const [text, e] of this.byText) if (!keep(e.rec)) this.byText.delete(text);
  }
}
