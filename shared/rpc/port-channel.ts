// An RpcChannel over anything with postMessage: a worker, a worker's parent port, a MessagePort
// (browser, Node worker_threads, Electron). Incoming messages are the caller's to feed to
// RpcPeer.receive, since each of those delivers them its own way.
import type { RpcChannel } from './peer';

export interface PostMessageTarget {
  // readonly: assignable both from DOM ports (Transferable[]) and Node ports (readonly TransferListItem[]).
  postMessage(message: unknown, transfer?: readonly unknown[]): void;
}

export function portChannel(port: PostMessageTarget): RpcChannel {
  return {
    send: (msg, transfer) =>
      transfer && transfer.length > 0 ? port.postMessage(msg, [...transfer]) : port.postMessage(msg),
  };
}
