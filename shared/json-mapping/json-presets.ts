// Built-in JSON mappings: the Radio Thermostat (CT50/CT80, 3M-50) /tstat reply, and
// `all-numbers` (every number and boolean in the document, named by its keys).
import type { JsonMetricRule } from './json-rule';

const TSTAT: JsonMetricRule[] = [
  { name: 'thermostat_temp', path: '$.temp', help: 'Current temperature (°F as the thermostat reports it).' },
  {
    name: 'thermostat_t_heat',
    path: '$.t_heat',
    optional: true,
    help: 'Heat setpoint (present in heat mode).',
  },
  {
    name: 'thermostat_t_cool',
    path: '$.t_cool',
    optional: true,
    help: 'Cool setpoint (present in cool mode).',
  },
  { name: 'thermostat_tmode', path: '$.tmode', help: 'Thermostat mode: 0 off, 1 heat, 2 cool, 3 auto.' },
  { name: 'thermostat_fmode', path: '$.fmode', help: 'Fan mode: 0 auto, 1 auto/circulate, 2 on.' },
  { name: 'thermostat_tstate', path: '$.tstate', help: 'HVAC state: 0 off, 1 heating, 2 cooling.' },
  { name: 'thermostat_fstate', path: '$.fstate', help: 'Fan state: 0 off, 1 on.' },
  {
    name: 'thermostat_override',
    path: '$.override',
    optional: true,
    help: 'Target temperature override: 0 off, 1 on.',
  },
  { name: 'thermostat_hold', path: '$.hold', optional: true, help: 'Hold: 0 off, 1 on.' },
];

export interface JsonPresetInfo {
  title: string;
  description: string;
  /** The usual path of the endpoint (the editor suggests it). */
  path: string | null;
}

export const JSON_PRESETS: Record<string, JsonPresetInfo> = {
  'radio-thermostat': {
    title: 'Radio Thermostat (/tstat)',
    description: 'temp, t_heat, t_cool, tmode, fmode, tstate, fstate, override, hold as thermostat_* gauges',
    path: '/tstat',
  },
  'all-numbers': {
    title: 'Every number in the document',
    description: 'each number or boolean becomes a gauge named <prefix>_<keys>; array indexes become labels',
    path: null,
  },
};

export function presetRules(name: string): JsonMetricRule[] {
  return name === 'radio-thermostat' ? TSTAT.map((r) => ({ ...r })) : [];
}
