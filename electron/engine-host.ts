// The engine's process in the desktop app: an Electron utilityProcess (plain Node with Electron's
// ABI), so SQLite and scraping never run on the main (window) thread. All of it is
// host/desktop-host.ts, which runs under plain Node too: this file only finds Electron's port.
import type { ParentPortLike } from './host/host-protocol';
import { runDesktopHost } from './host/desktop-host';

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!parentPort) {
  console.error('engine-host runs inside Electron (utilityProcess); use `promdesk serve` from a terminal');
  process.exit(2);
}
void runDesktopHost(parentPort, process.argv.slice(2));
