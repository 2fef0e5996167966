// Thrown by every chunk decoder on input that cannot be a chunk it wrote: a checksum mismatch,
// a field out of range, or data that ends before its samples do. Decoding stops there, so a
// damaged chunk costs at most one pass over its bytes, never a loop.
export class ChunkDecodeError extends Error {
  override name = 'ChunkDecodeError';
}
