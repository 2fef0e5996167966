// The gate of the one IPC channel the renderer has ('promdesk:call', from preload.ts): who may call
// and what a call must look like before main relays it to the engine host. The host's session
// then checks each method's params against its schema, as every transport does. A refusal is an
// Error whose message names the channel and what was wrong; nothing a page sends makes main throw
// anything else.
import { isAppUrl } from './navigation';

export const IPC_CALL_CHANNEL = 'promdesk:call';
export const IPC_EVENT_CHANNEL = 'promdesk:event';

/** No Api method takes more; a longer list is not a call from preload.ts. */
const MAX_PARAMS = 8;

/** Who sent an IPC message, as Electron's IpcMainInvokeEvent tells it. */
export interface IpcSender {
  /** event.senderFrame?.url; null when the frame is gone (navigated away, destroyed). */
  frameUrl: string | null | undefined;
  /** event.senderFrame is the top frame of its page (event.senderFrame.parent === null). */
  isMainFrame: boolean;
  /** The id of our BrowserWindow whose page sent it; null when it is not one of our windows. */
  windowId: number | null;
}

export type IpcCallCheck =
  { ok: true; windowId: number; method: string; params: unknown[] } | { ok: false; error: string };

/** Why a call is refused, or the window, method and params to relay. */
export function checkIpcCall(
  sender: IpcSender,
  method: unknown,
  params: unknown,
  methods: ReadonlySet<string>,
): IpcCallCheck {
  const refuse = (why: string): IpcCallCheck => ({ ok: false, error: `${IPC_CALL_CHANNEL}: ${why}` });
  const url = typeof sender.frameUrl === 'string' ? sender.frameUrl : '';
  if (!isAppUrl(url)) return refuse(`refused: the caller is not a Promdesk page (${describeUrl(url)})`);
  if (!sender.isMainFrame) return refuse('refused: the caller is a sub-frame, not the page itself');
  if (sender.windowId === null) return refuse('refused: the caller is not a Promdesk window');
  if (typeof method !== 'string') return refuse(`the method must be a string, not ${typeName(method)}`);
  if (!methods.has(method)) return refuse(`unknown method ${JSON.stringify(method.slice(0, 100))}`);
  if (!Array.isArray(params))
    return refuse(`${method}: the params must be an array, not ${typeName(params)}`);
  if (params.length > MAX_PARAMS)
    return refuse(`${method}: at most ${MAX_PARAMS} params, not ${params.length}`);
  return { ok: true, windowId: sender.windowId, method, params };
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : typeof v;
}

/** Enough of a URL to say where a call came from, without echoing an unbounded string. */
function describeUrl(url: string): string {
  if (!url) return 'no frame';
  return url.length > 80 ? `${url.slice(0, 80)}…` : url;
}

/** What relaying needs of main: the host link (null when it is gone) and why it failed, if it did. */
export interface IpcRelay {
  methods: ReadonlySet<string>;
  host: {
    running: boolean;
    call(method: 'api', windowId: number, m: never, params: unknown[]): Promise<unknown>;
  } | null;
  failureMessage: string | null;
}

/**
 * ipcMain.handle's body for IPC_CALL_CHANNEL: the gate, then the host's `api` call for that
 * window. Rejects with an Error saying what was wrong (the renderer sees its message).
 */
export async function relayIpcCall(
  sender: IpcSender,
  method: unknown,
  params: unknown,
  relay: IpcRelay,
): Promise<unknown> {
  const check = checkIpcCall(sender, method, params, relay.methods);
  if (!check.ok) throw new Error(check.error);
  const host = relay.host;
  if (!host?.running)
    throw new Error(
      relay.failureMessage
        ? `the engine is not running: ${relay.failureMessage}`
        : 'the engine is not running',
    );
  return host.call('api', check.windowId, check.method as never, check.params);
}
