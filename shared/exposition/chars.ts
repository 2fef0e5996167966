// Character classes of the exposition lexers, indexed by char code (< 128; every higher code is
// in no class).

export const NAME_START = 1; // [a-zA-Z_:]
export const NAME_CHAR = 2; // [a-zA-Z0-9_:]
export const LABEL_START = 4; // [a-zA-Z_]
export const LABEL_CHAR = 8; // [a-zA-Z0-9_]

export const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  const digit = c >= 48 && c <= 57;
  if (letter || c === 58) CLASS[c] |= NAME_START | NAME_CHAR;
  if (digit) CLASS[c] |= NAME_CHAR | LABEL_CHAR;
  if (letter) CLASS[c] |= LABEL_START | LABEL_CHAR;
}
