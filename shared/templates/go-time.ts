// time.Time as templates show it: String() ("2015-06-23 13:19:44.128 +0000 UTC", what
// humanizeTimestamp prints) and Format with Go's reference layout (Mon Jan 2 15:04:05 MST 2006).
// Times here are UTC, as Prometheus's toTime returns them.

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const p2 = (n: number): string => String(n).padStart(2, '0');

function parts(ms: number) {
  const d = new Date(ms);
  const nanos = (((ms % 1000) + 1000) % 1000) * 1e6;
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth(),
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    min: d.getUTCMinutes(),
    sec: d.getUTCSeconds(),
    nanos,
    weekday: d.getUTCDay(),
    yday: Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1,
  };
}

/** Go's time.Time.String() for a UTC time. */
export function timeString(ms: number): string {
  return formatTime(ms, '2006-01-02 15:04:05.999999999 -0700 MST');
}

function year(y: number): string {
  if (y < 0) return '-' + String(-y).padStart(4, '0');
  return String(y).padStart(4, '0');
}

// Layout tokens, longest first where one is a prefix of another.
const TOKENS = [
  'January',
  'Monday',
  'Jan',
  'Mon',
  'MST',
  '2006',
  '-07:00:00',
  '-070000',
  '-07:00',
  '-0700',
  '-07',
  'Z07:00:00',
  'Z070000',
  'Z07:00',
  'Z0700',
  'Z07',
  '002',
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '15',
  '__2',
  '_2',
  'PM',
  'pm',
  '1',
  '2',
  '3',
  '4',
  '5',
];

/** time.Time.Format for a UTC time. */
export function formatTime(ms: number, layout: string): string {
  const t = parts(ms);
  let out = '';
  let i = 0;
  while (i < layout.length) {
    // Fractional seconds: .000 / ,000 (fixed) or .999 (trailing zeros dropped) after a digit token.
    const frac = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (frac && i > 0 && /[0-9]$/.test(layout.slice(0, i))) {
      const n = frac[1].length;
      let digits = String(t.nanos).padStart(9, '0').slice(0, n);
      if (frac[1][0] === '9') digits = digits.replace(/0+$/, '');
      if (digits.length > 0) out += frac[0][0] + digits;
      i += frac[0].length;
      continue;
    }
    const tok = TOKENS.find((k) => layout.startsWith(k, i));
    if (tok === undefined) {
      out += layout[i++];
      continue;
    }
    i += tok.length;
    out += token(tok, t);
  }
  return out;
}

function token(tok: string, t: ReturnType<typeof parts>): string {
  switch (tok) {
    case 'January':
      return MONTHS[t.month];
    case 'Jan':
      return MONTHS[t.month].slice(0, 3);
    case 'Monday':
      return DAYS[t.weekday];
    case 'Mon':
      return DAYS[t.weekday].slice(0, 3);
    case 'MST':
      return 'UTC';
    case '2006':
      return year(t.year);
    case '06':
      return p2(((t.year % 100) + 100) % 100);
    case '01':
      return p2(t.month + 1);
    case '1':
      return String(t.month + 1);
    case '02':
      return p2(t.day);
    case '2':
      return String(t.day);
    case '_2':
      return String(t.day).padStart(2, ' ');
    case '__2':
      return String(t.yday).padStart(3, ' ');
    case '002':
      return String(t.yday).padStart(3, '0');
    case '15':
      return p2(t.hour);
    case '03':
      return p2(t.hour % 12 === 0 ? 12 : t.hour % 12);
    case '3':
      return String(t.hour % 12 === 0 ? 12 : t.hour % 12);
    case '04':
      return p2(t.min);
    case '4':
      return String(t.min);
    case '05':
      return p2(t.sec);
    case '5':
      return String(t.sec);
    case 'PM':
      return t.hour >= 12 ? 'PM' : 'AM';
    case 'pm':
      return t.hour >= 12 ? 'pm' : 'am';
  }
  // Zones: UTC has offset zero; the Z forms print "Z".
  if (tok.startsWith('Z')) return 'Z';
  return {
    '-07:00:00': '+00:00:00',
    '-070000': '+000000',
    '-07:00': '+00:00',
    '-0700': '+0000',
    '-07': '+00',
  }[tok] as string;
}
