// A worker thread that answers RPC calls over its parent port, for test/unit/rpc: echo, a named
// failure, a call that waits until cancelled (and says so with an event), a buffer moved back.
import { parentPort } from 'node:worker_threads';
import { RpcPeer, withTransfer } from '../../shared/rpc/peer';
import { portChannel } from '../../shared/rpc/port-channel';

class ConfigError extends Error {
  override name = 'ConfigError';
}

const port = parentPort!;
const peer: RpcPeer = new RpcPeer(portChannel(port), {
  name: 'the test thread',
  handle: (method, params, ctx) => {
    switch (method) {
      case 'echo':
        return { params, scope: ctx.scope };
      case 'fail':
        throw new ConfigError(String(params[0]));
      case 'wait':
        return new Promise((_resolve, reject) => {
          ctx.signal.addEventListener('abort', () => {
            peer.emit({ aborted: method }, { scope: ctx.scope, topic: 'aborted' });
            reject(ctx.signal.reason);
          });
        });
      case 'double': {
        const data = params[0] as Float64Array;
        for (let i = 0; i < data.length; i++) data[i] *= 2;
        return withTransfer(data, [data.buffer]);
      }
      case 'exit':
        process.exit(3);
    }
    throw new Error(`unknown method ${method}`);
  },
});
port.on('message', (m) => peer.receive(m));
peer.emit('ready');
