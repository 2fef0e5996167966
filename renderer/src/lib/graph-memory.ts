// The last Graph view hash, so the nav link brings a user back to the graph they had open.
let last = '#/graph';

export function rememberGraphHash(hash: string): void {
  last = hash;
}

export function lastGraphHash(): string {
  return last;
}
