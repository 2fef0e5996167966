// The shape of a rule group as the rule editor sends it (putRuleGroup, checkRuleGroup), bounded;
// what the fields mean (expressions, durations, names, templates) the engine checks with rulefmt's
// checks and names the group, rule and field.
import { z } from 'zod';
import type { RuleGroupInput, RuleInput } from './model';

const text = (max: number) => z.string().max(max, `at most ${max} characters`);
const stringMap = z
  .record(text(1000), text(100_000))
  .refine((m) => Object.keys(m).length <= 200, { message: 'at most 200 entries' });

const ruleInputSchema: z.ZodType<RuleInput> = z.strictObject({
  kind: z.enum(['record', 'alert']),
  name: text(1000),
  expr: text(100_000),
  for: text(100),
  keepFiringFor: text(100),
  labels: stringMap,
  annotations: stringMap,
});

export const ruleGroupInputSchema: z.ZodType<RuleGroupInput> = z.strictObject({
  name: text(1000),
  interval: text(100),
  rules: z.array(ruleInputSchema).max(1000, 'a group made in the UI has at most 1000 rules'),
});
