// The Go values a template sees, as JS values: enough of Go's type system for text/template's
// rules (int and float64 never compare equal, a map's missing key is its element's zero value,
// fmt prints each kind its own way). undefined is Go's "no value" (an invalid reflect.Value or a
// nil interface); int is a bigint so that `1` and `1.0` stay different types, as in Go.

export type GoValue =
  undefined | string | number | bigint | boolean | GoComplex | GoMap | GoStruct | GoSlice | GoTime | GoHTML;

/** A map with string keys (map[string]string, map[string]interface {}). */
export class GoMap {
  constructor(
    readonly type: string,
    /** The element type's name: a missing key reads as its zero value under missingkey=zero. */
    readonly elemType: string,
    readonly entries: ReadonlyMap<string, GoValue>,
  ) {}
}

/** A struct, or a pointer to one (type starts with '*'); fields in declaration order. */
export class GoStruct {
  constructor(
    readonly type: string,
    readonly fields: ReadonlyMap<string, GoValue>,
  ) {}
  get pointer(): boolean {
    return this.type.startsWith('*');
  }
}

export class GoSlice {
  constructor(
    readonly type: string,
    readonly elemType: string,
    readonly items: readonly GoValue[],
  ) {}
}

/** time.Time (or *time.Time): an instant in milliseconds since the epoch, shown in UTC. */
export class GoTime {
  constructor(
    readonly ms: number,
    readonly pointer = false,
  ) {}
}

/** complex128, as a literal such as 2i or 1+2i makes one. */
export class GoComplex {
  constructor(
    readonly re: number,
    readonly im: number,
  ) {}
}

/** html/template.HTML: a string kind of its own type, as safeHtml returns it. */
export class GoHTML {
  constructor(readonly text: string) {}
}

export const MAP_STRING_STRING = 'map[string]string';
export const MAP_STRING_ANY = 'map[string]interface {}';

/** A Go error raised by a function or method; the evaluator adds where it happened. */
export class GoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoError';
  }
}

/** Go's name for the value's type, as %T and error messages print it. */
export function goTypeName(v: GoValue): string {
  switch (typeof v) {
    case 'undefined':
      return '<nil>';
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
  }
  if (v instanceof GoTime) return v.pointer ? '*time.Time' : 'time.Time';
  if (v instanceof GoHTML) return 'template.HTML';
  if (v instanceof GoComplex) return 'complex128';
  return v.type;
}

/** reflect's Kind, the classes text/template's rules talk about. */
export type GoKind =
  'invalid' | 'string' | 'float' | 'int' | 'bool' | 'complex' | 'map' | 'struct' | 'ptr' | 'slice';

export function goKind(v: GoValue): GoKind {
  switch (typeof v) {
    case 'undefined':
      return 'invalid';
    case 'string':
      return 'string';
    case 'number':
      return 'float';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
  }
  if (v instanceof GoHTML) return 'string';
  if (v instanceof GoComplex) return 'complex';
  if (v instanceof GoMap) return 'map';
  if (v instanceof GoSlice) return 'slice';
  if (v instanceof GoTime) return v.pointer ? 'ptr' : 'struct';
  return v.pointer ? 'ptr' : 'struct';
}

/** The zero value of a type by name (nil for maps, pointers, slices and interfaces). */
export function zeroOf(type: string): GoValue {
  switch (type) {
    case 'string':
      return '';
    case 'float64':
      return 0;
    case 'int':
      return 0n;
    case 'bool':
      return false;
    case 'template.HTML':
      return new GoHTML('');
  }
  return undefined;
}

/** A map[string]string from a label set. */
export function stringMap(record: Readonly<Record<string, string>>): GoMap {
  return new GoMap(MAP_STRING_STRING, 'string', new Map(Object.entries(record)));
}

/** Text/template's truth: not the zero value of its type. */
export function isTrue(v: GoValue): boolean {
  switch (typeof v) {
    case 'undefined':
      return false;
    case 'string':
      return v.length > 0;
    case 'number':
      return v !== 0;
    case 'bigint':
      return v !== 0n;
    case 'boolean':
      return v;
  }
  if (v instanceof GoHTML) return v.text.length > 0;
  if (v instanceof GoComplex) return v.re !== 0 || v.im !== 0;
  if (v instanceof GoMap) return v.entries.size > 0;
  if (v instanceof GoSlice) return v.items.length > 0;
  return true;
}

/** Length in UTF-8 bytes, as Go's len() of a string counts. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
