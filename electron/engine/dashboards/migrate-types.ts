// Types the migration steps share.

export type Obj = Record<string, unknown>;

/** Records something a migration could not carry over: what (a key or option path) and why. */
export type Note = (item: string, reason: string) => void;
