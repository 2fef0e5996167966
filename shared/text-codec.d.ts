// shared/ is typed with neither DOM nor Node libraries (tsconfig.shared.json), yet every host it
// runs in (Node, Electron, browsers, workers) provides the WHATWG text codecs. This declares the
// part shared/ uses, for that config only: the other configs exclude this file and get the full
// types from their own libraries.

declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
