// The text to show for a rejected call: the Error's message (the engine's errors arrive as
// Errors with their message kept), or the thrown value as a string.
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
