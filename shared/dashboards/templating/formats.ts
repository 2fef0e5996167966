// Grafana's variable formats (`${var:format}`): each turns a variable's value (one string, or
// several for a multi-value variable) into text. The names and outputs follow Grafana's format
// registry, so a dashboard written for Grafana interpolates the same here.

/** What a format sees: the value(s), their display text(s) and the variable's name. */
export interface FormatInput {
  name: string;
  value: string | string[];
  text: string | string[];
}

export type FormatFn = (input: FormatInput, arg?: string) => string;

const list = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);

/** Escapes a string for a JavaScript/PCRE/RE2 regular expression (Grafana's kbn.regexEscape). */
export function regexEscape(v: string): string {
  return v.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&');
}

// encodeURIComponent that also escapes !'()*, as RFC 3986 reserves them.
function strictEncode(v: string): string {
  return encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function luceneEscape(v: string): string {
  return v.replace(/([!*+\-=<>\s&|()[\]{}^~?:\\/"])/g, '\\$1');
}

function htmlEscape(v: string): string {
  return v.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function dateFormat(input: FormatInput, arg?: string): string {
  const ms = Number(list(input.value)[0]);
  if (!Number.isFinite(ms)) return list(input.value).join(',');
  switch (arg) {
    case 'seconds':
      return String(Math.floor(ms / 1000));
    case 'iso':
    case undefined:
      return new Date(ms).toISOString();
    default:
      return String(ms);
  }
}

const FORMATS: Record<string, FormatFn> = {
  raw: ({ value }) => list(value).join(','),
  text: ({ text }) => list(text).join(' + '),
  regex: ({ value }) => {
    const v = list(value).map(regexEscape);
    return v.length === 1 ? v[0] : `(${v.join('|')})`;
  },
  pipe: ({ value }) => list(value).join('|'),
  csv: ({ value }) => list(value).join(','),
  distributed: ({ name, value }) => {
    const [first, ...rest] = list(value);
    return [first ?? '', ...rest.map((v) => `${name}=${v}`)].join(',');
  },
  json: ({ value }) => JSON.stringify(value),
  glob: ({ value }) => {
    const v = list(value);
    return v.length > 1 ? `{${v.join(',')}}` : (v[0] ?? '');
  },
  lucene: ({ value }) => {
    const v = list(value);
    if (v.length === 1) return luceneEscape(v[0]);
    return `(${v.map((x) => `"${luceneEscape(x)}"`).join(' OR ')})`;
  },
  html: ({ value }) => htmlEscape(list(value).join(', ')),
  singlequote: ({ value }) =>
    list(value)
      .map((v) => `'${v.replace(/'/g, "\\'")}'`)
      .join(','),
  doublequote: ({ value }) =>
    list(value)
      .map((v) => `"${v.replace(/"/g, '\\"')}"`)
      .join(','),
  sqlstring: ({ value }) =>
    list(value)
      .map((v) => `'${v.replace(/'/g, "''")}'`)
      .join(','),
  percentencode: ({ value }) => {
    const v = list(value);
    return strictEncode(Array.isArray(value) && v.length > 1 ? `{${v.join(',')}}` : v.join(','));
  },
  uriencode: ({ value }) => encodeURI(list(value).join(',')),
  queryparam: ({ name, value }) =>
    list(value)
      .map((v) => `var-${strictEncode(name)}=${strictEncode(v)}`)
      .join('&'),
  date: dateFormat,
};

/** The format named `id`, or undefined when Grafana has none of that name. */
export function variableFormat(id: string): FormatFn | undefined {
  return Object.hasOwn(FORMATS, id) ? FORMATS[id] : undefined;
}

export const FORMAT_IDS: readonly string[] = Object.keys(FORMATS);
