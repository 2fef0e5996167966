// Which body → samples step a polled target uses, by its kind: the Accept header it sends and
// the parser its body goes through (undefined = the Prometheus exposition parser).
import type { TargetInput } from '../../../shared/api';
import type { BodyParser } from '../scrape/parse-body';
import { JSON_ACCEPT_HEADER, jsonBodyParser } from './json-body';

export function bodyStepOf(
  input: TargetInput,
  defaultAccept: string,
): { accept: string; parse?: BodyParser } {
  if (input.kind === 'json') return { accept: JSON_ACCEPT_HEADER, parse: jsonBodyParser(input.json ?? {}) };
  return { accept: defaultAccept };
}
