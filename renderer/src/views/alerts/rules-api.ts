// getRules behind a narrow type until the engine's Api has it (the rule manager lands apart).
import type { Api } from '../../../../shared/api';
import type { RulesStatus } from '../../../../shared/rules/model';

interface RulesApi {
  getRules(): Promise<RulesStatus>;
}

export function getRules(api: Api): Promise<RulesStatus> {
  const a = api as Api & Partial<RulesApi>;
  return a.getRules ? a.getRules() : Promise.reject(new Error('this engine does not evaluate rules yet'));
}
