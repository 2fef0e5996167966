// What one Api client (a WebSocket connection, a window) may hold on the engine at once. The
// server refuses past these; the renderer's WebSocket client keeps its own calls within them.

/** Calls sent and not yet answered, per connection. */
export const MAX_PENDING_CALLS = 64;

/** Live subscriptions, per session. */
export const MAX_SUBSCRIPTIONS = 200;
