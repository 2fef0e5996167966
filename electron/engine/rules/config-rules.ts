// The config's rule_files, read as Prometheus's manager.LoadGroups: each pattern globbed (matches
// sorted), each file parsed and checked as promtool checks it. The first invalid file is a
// ConfigError naming the file, the line and the reason, so start-up stops on it and a reload
// keeps the rules in force.
import { ConfigError } from '../config/prometheus-config';
import { glob } from './glob';
import { loadRuleFile } from './rule-file';
import type { RuleGroupDef } from './types';

export function loadConfigRules(patterns: readonly string[]): RuleGroupDef[] {
  const groups: RuleGroupDef[] = [];
  const seen = new Set<string>();
  for (const pattern of patterns) {
    let files: string[];
    try {
      files = glob(pattern);
    } catch (err) {
      throw new ConfigError(pattern, 0, 'rule_files', (err as Error).message);
    }
    for (const file of files) {
      if (seen.has(file)) continue;
      seen.add(file);
      const parsed = loadRuleFile(file);
      if (parsed.errors.length > 0) throw ruleFileError(file, parsed.errors[0]);
      groups.push(...parsed.groups);
    }
  }
  return groups;
}

/** promtool's message ("<file>: 7:15: group ...", "<file>: yaml: line 3: ...") as a ConfigError. */
function ruleFileError(file: string, message: string): ConfigError {
  const detail = message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
  const m = /^(\d+):\d+: /.exec(detail) ?? /^yaml: (?:unmarshal errors:\s+)?line (\d+):/.exec(detail);
  return new ConfigError(file, m ? Number(m[1]) : 0, 'rule_files', detail);
}
