// The RuleManager as the running engine has it: its queries on the engine's QueryEngine, its
// output through the engine's commit path, the config's rule_files and evaluation_interval applied
// at start and on each reload (an invalid file keeps the rules in force and its error shown).
import type { PrometheusConfig } from '../config/prometheus-config';
import type { QueryEngine } from '../query';
import type { Clock } from '../scrape/clock';
import type { Appender, CommittedSamples, Querier } from '../store/types';
import { loadConfigRules } from './config-rules';
import { computeExternalUrl } from './external-url';
import { DEFAULT_EVALUATION_INTERVAL_MS, RuleManager } from './manager';
import { queryEngineFunc } from './query-func';
import { storeOut } from './store-out';
import type { RuleGroupDef } from './types';

export interface EngineRuleOptions {
  /** --web.external-url as computeExternalUrl gives it (default http://<hostname>:9090). */
  externalUrl?: string;
  /** --rules.alert.for-outage-tolerance (default 1h). */
  forOutageToleranceMs?: number;
  /** --rules.alert.for-grace-period (default 10m). */
  forGracePeriodMs?: number;
}

export function createEngineRules(deps: {
  clock: Clock;
  query: QueryEngine;
  store: Querier & { appender(): Appender };
  appended: (committed: CommittedSamples) => void;
  log: (msg: string) => void;
  options?: EngineRuleOptions;
}): RuleManager {
  const o = deps.options ?? {};
  return new RuleManager({
    clock: deps.clock,
    query: queryEngineFunc(deps.query),
    querier: deps.store,
    out: storeOut(() => deps.store.appender(), deps.appended, deps.log),
    externalURL: o.externalUrl ?? computeExternalUrl(null, 9090),
    restore: {
      ...(o.forOutageToleranceMs !== undefined && { outageToleranceMs: o.forOutageToleranceMs }),
      ...(o.forGracePeriodMs !== undefined && { gracePeriodMs: o.forGracePeriodMs }),
    },
    log: deps.log,
  });
}

/** The config's rule groups; throws a ConfigError (file, line, reason) on an invalid rule file. */
export function configRuleGroups(config: PrometheusConfig | null): RuleGroupDef[] {
  return loadConfigRules(config?.ruleFiles ?? []);
}

/** Applies a (re)loaded config's rules; returns the error that kept the previous rules, or null. */
export function applyConfigRules(
  rules: RuleManager,
  config: PrometheusConfig | null,
  groups?: RuleGroupDef[],
): string | null {
  let next: RuleGroupDef[];
  try {
    next = groups ?? configRuleGroups(config);
  } catch (err) {
    const error = (err as Error).message;
    rules.setLoadError(error);
    return error;
  }
  rules.configure({
    evaluationIntervalMs: config?.global.evaluationIntervalMs ?? DEFAULT_EVALUATION_INTERVAL_MS,
    externalLabels: config?.global.externalLabels ?? {},
  });
  rules.setLoadError(null);
  rules.setGroups('config', next);
  return null;
}
