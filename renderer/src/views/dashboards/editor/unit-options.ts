// The unit picker's choices: Grafana's unit ids (those shared/units formats) by category, with a
// readable name each, and a search over id, name and category.

export interface UnitChoice {
  id: string;
  name: string;
  category: string;
}

const CATEGORIES: Record<string, [string, string][]> = {
  Misc: [
    ['none', 'Number'],
    ['short', 'Short'],
    ['string', 'String'],
    ['percent', 'Percent (0-100)'],
    ['percentunit', 'Percent (0.0-1.0)'],
    ['humidity', 'Humidity (%H)'],
    ['dB', 'Decibel'],
    ['hex0x', 'Hexadecimal (0x)'],
    ['hex', 'Hexadecimal'],
    ['sci', 'Scientific notation'],
    ['locale', 'Locale format'],
    ['pixel', 'Pixels'],
  ],
  Data: [
    ['bytes', 'bytes (IEC)'],
    ['bits', 'bits (IEC)'],
    ['kbytes', 'kibibytes'],
    ['mbytes', 'mebibytes'],
    ['gbytes', 'gibibytes'],
    ['tbytes', 'tebibytes'],
    ['pbytes', 'pebibytes'],
    ['decbytes', 'bytes (SI)'],
    ['decbits', 'bits (SI)'],
    ['deckbytes', 'kilobytes'],
    ['decmbytes', 'megabytes'],
    ['decgbytes', 'gigabytes'],
    ['dectbytes', 'terabytes'],
    ['decpbytes', 'petabytes'],
  ],
  'Data rate': [
    ['pps', 'packets/sec'],
    ['binbps', 'bits/sec (IEC)'],
    ['bps', 'bits/sec (SI)'],
    ['binBps', 'bytes/sec (IEC)'],
    ['Bps', 'bytes/sec (SI)'],
    ['KBs', 'kilobytes/sec'],
    ['Kbits', 'kilobits/sec'],
    ['MBs', 'megabytes/sec'],
    ['Mbits', 'megabits/sec'],
    ['GBs', 'gigabytes/sec'],
    ['Gbits', 'gigabits/sec'],
    ['TBs', 'terabytes/sec'],
    ['Tbits', 'terabits/sec'],
  ],
  Throughput: [
    ['cps', 'counts/sec (cps)'],
    ['ops', 'ops/sec (ops)'],
    ['reqps', 'requests/sec (rps)'],
    ['rps', 'reads/sec (rps)'],
    ['wps', 'writes/sec (wps)'],
    ['iops', 'I/O ops/sec (iops)'],
    ['eps', 'events/sec'],
    ['mps', 'messages/sec'],
    ['recps', 'records/sec'],
    ['rowsps', 'rows/sec'],
    ['cpm', 'counts/min (cpm)'],
    ['opm', 'ops/min (opm)'],
    ['reqpm', 'requests/min (rpm)'],
    ['rpm', 'reads/min (rpm)'],
    ['wpm', 'writes/min (wpm)'],
  ],
  Time: [
    ['hertz', 'Hertz (1/s)'],
    ['ns', 'nanoseconds (ns)'],
    ['µs', 'microseconds (µs)'],
    ['ms', 'milliseconds (ms)'],
    ['s', 'seconds (s)'],
    ['m', 'minutes (m)'],
    ['h', 'hours (h)'],
    ['d', 'days (d)'],
    ['dtdurationms', 'duration (ms)'],
    ['dtdurations', 'duration (s)'],
    ['dthms', 'duration (hh:mm:ss)'],
    ['dtdhms', 'duration (d hh:mm:ss)'],
    ['timeticks', 'Timeticks (s/100)'],
    ['clockms', 'clock (ms)'],
    ['clocks', 'clock (s)'],
  ],
  'Date & time': [
    ['dateTimeAsIso', 'Datetime ISO'],
    ['dateTimeAsIsoUtc', 'Datetime ISO (UTC)'],
    ['dateTimeAsUS', 'Datetime US'],
  ],
  Temperature: [
    ['celsius', 'Celsius (°C)'],
    ['fahrenheit', 'Fahrenheit (°F)'],
    ['kelvin', 'Kelvin (K)'],
  ],
  Rotation: [
    ['rotrpm', 'Revolutions per minute (rpm)'],
    ['rothz', 'Hertz (Hz)'],
  ],
  Energy: [
    ['watt', 'Watt (W)'],
    ['kwatt', 'Kilowatt (kW)'],
    ['watth', 'Watt-hour (Wh)'],
    ['kwatth', 'Kilowatt-hour (kWh)'],
    ['joule', 'Joule (J)'],
    ['amp', 'Ampere (A)'],
    ['volt', 'Volt (V)'],
  ],
  Currency: [
    ['currencyUSD', 'Dollars ($)'],
    ['currencyEUR', 'Euro (€)'],
    ['currencyGBP', 'Pounds (£)'],
  ],
  Boolean: [
    ['bool', 'True / False'],
    ['bool_yes_no', 'Yes / No'],
    ['bool_on_off', 'On / Off'],
  ],
};

export const UNIT_CHOICES: readonly UnitChoice[] = Object.entries(CATEGORIES).flatMap(([category, list]) =>
  list.map(([id, name]) => ({ id, name, category })),
);

/** Choices whose id, name or category holds every word of `query` (case-insensitive). */
export function searchUnits(query: string): UnitChoice[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...UNIT_CHOICES];
  return UNIT_CHOICES.filter((u) => {
    const hay = `${u.id} ${u.name} ${u.category}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** How the picker shows a unit id: "Data / bytes (IEC)", or the id itself for a custom one. */
export function unitLabel(id: string | undefined): string {
  if (!id) return '';
  const u = UNIT_CHOICES.find((c) => c.id === id);
  return u ? `${u.category} / ${u.name}` : id;
}
