// Stands in for Electron's utilityProcess around the desktop's engine host: the host's code (the
// built dist/engine-host.mjs, as the app ships it) finds process.parentPort, here an adapter over
// the IPC channel of a forked Node child (structured clone, as Electron's port). When the parent
// goes, the process goes, as a utilityProcess does with its app.
process.parentPort = {
  on(event, listener) {
    if (event === 'message') process.on('message', (data) => listener({ data }));
  },
  postMessage(message) {
    if (process.connected) process.send(message);
  },
};
process.on('disconnect', () => process.exit(0));
await import(process.env.PROMDESK_ENGINE_HOST || new URL('../../dist/engine-host.mjs', import.meta.url).href);
