// What crosses any RPC transport (Electron IPC, the WebSocket, the engine worker, the preview
// worker), and the check every incoming message passes before a peer acts on it. A message comes
// from another thread, process or machine: readRpcMessage never throws, it says what is wrong.

export type RpcRequest = { kind: 'request'; id: number; method: string; params: unknown[]; scope?: number };
export type RpcReply =
  | { kind: 'reply'; id: number; ok: true; result: unknown }
  | { kind: 'reply'; id: number; ok: false; error: string; errorName?: string };
export type RpcEvent = { kind: 'event'; event: unknown; scope?: number; topic?: string };
export type RpcCancel = { kind: 'cancel'; id: number };

export type RpcMessage = RpcRequest | RpcReply | RpcEvent | RpcCancel;

/** A method name longer than this is not a method of anyone's; it is cut in error messages too. */
export const MAX_METHOD_LENGTH = 200;

export type ReadResult =
  | { ok: true; msg: RpcMessage }
  /** id and kind are what could be read of the broken message (null if nothing), so it can be answered. */
  | { ok: false; id: number | null; kind: RpcMessage['kind'] | null; error: string };

const KINDS: readonly RpcMessage['kind'][] = ['request', 'reply', 'event', 'cancel'];

/** Checks a message as it arrives; the message names the first field that is wrong and why. */
export function readRpcMessage(raw: unknown): ReadResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail(null, null, `expected an object {kind, ...}, got ${describe(raw)}`);
  }
  const m = raw as Record<string, unknown>;
  const kind = KINDS.includes(m.kind as RpcMessage['kind']) ? (m.kind as RpcMessage['kind']) : null;
  const id = isId(m.id) ? m.id : null;
  if (kind === null) {
    return fail(id, null, `field "kind": expected one of ${KINDS.join(', ')}, got ${describe(m.kind)}`);
  }
  if (kind !== 'event' && id === null) {
    return fail(null, kind, `field "id": expected a safe integer, got ${describe(m.id)}`);
  }
  const scope = m.scope;
  if (scope !== undefined && (kind === 'request' || kind === 'event') && !isId(scope)) {
    return fail(id, kind, `field "scope": expected a safe integer, got ${describe(scope)}`);
  }
  switch (kind) {
    case 'request': {
      if (typeof m.method !== 'string' || m.method === '') {
        return fail(id, kind, `field "method": expected a method name, got ${describe(m.method)}`);
      }
      if (m.method.length > MAX_METHOD_LENGTH) {
        return fail(id, kind, `field "method": longer than ${MAX_METHOD_LENGTH} characters`);
      }
      if (!Array.isArray(m.params)) {
        return fail(id, kind, `field "params": expected an array, got ${describe(m.params)}`);
      }
      const msg: RpcRequest = { kind, id: id!, method: m.method, params: m.params };
      if (scope !== undefined) msg.scope = scope as number;
      return { ok: true, msg };
    }
    case 'reply': {
      if (m.ok === true) return { ok: true, msg: { kind, id: id!, ok: true, result: m.result } };
      if (m.ok !== false) return fail(id, kind, `field "ok": expected a boolean, got ${describe(m.ok)}`);
      if (typeof m.error !== 'string') {
        return fail(id, kind, `field "error": expected a string, got ${describe(m.error)}`);
      }
      if (m.errorName !== undefined && typeof m.errorName !== 'string') {
        return fail(id, kind, `field "errorName": expected a string, got ${describe(m.errorName)}`);
      }
      const msg: RpcReply = { kind, id: id!, ok: false, error: m.error };
      if (m.errorName !== undefined) msg.errorName = m.errorName as string;
      return { ok: true, msg };
    }
    case 'event': {
      if (m.topic !== undefined && typeof m.topic !== 'string') {
        return fail(id, kind, `field "topic": expected a string, got ${describe(m.topic)}`);
      }
      const msg: RpcEvent = { kind, event: m.event };
      if (scope !== undefined) msg.scope = scope as number;
      if (m.topic !== undefined) msg.topic = m.topic as string;
      return { ok: true, msg };
    }
    case 'cancel':
      return { ok: true, msg: { kind, id: id! } };
  }
}

function fail(id: number | null, kind: RpcMessage['kind'] | null, error: string): ReadResult {
  return { ok: false, id, kind, error };
}

function isId(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

/** A value's type for an error message, never its content (which may be huge or hostile). */
function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number') return Number.isFinite(v) ? `the number ${v}` : `the number ${String(v)}`;
  if (typeof v === 'string') return v.length <= 40 ? `the string ${JSON.stringify(v)}` : 'a long string';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
