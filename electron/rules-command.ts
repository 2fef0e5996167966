// `promdesk check rules FILE...` and `promdesk test rules TEST.yml...`: promtool 2.42's rule tools,
// with its output and exit codes (0 ok, 1 on errors or failed tests; duplicate rules are a lint
// warning that keeps exit 0 unless --lint-fatal).
import { parseArgs } from 'node:util';
import { loadRuleFile } from './engine/rules/rule-file';
import { findDuplicateRules } from './engine/rules/duplicates';
import { runUnitTestFile } from './engine/rules/unit-test-runner';

export const CHECK_RULES_USAGE = `  check rules  Check rule files as promtool 2.42: promdesk check rules [--lint=duplicate-rules|none|all] [--lint-fatal] FILE...
           exit 0: valid (duplicate rules are warned), 1: errors (each with file, line and reason)`;
export const TEST_RULES_USAGE = `  test rules   Run promtool unit tests of rules: promdesk test rules TEST.yml...
           exit 0: every test group passed, 1: a group failed (each named, expected and got shown)`;

const write = (s: string, err = false) => (err ? process.stderr : process.stdout).write(s);

export function runCheckRules(argv: string[]): number {
  let lint: string;
  let fatal: boolean;
  let files: string[];
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        lint: { type: 'string', default: 'duplicate-rules' },
        'lint-fatal': { type: 'boolean', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
    lint = values.lint;
    fatal = values['lint-fatal'];
    files = positionals;
    if (!['duplicate-rules', 'none', 'all'].includes(lint))
      throw new Error(`unknown --lint option "${lint}"`);
    if (files.length === 0) throw new Error('no rule files given');
  } catch (err) {
    write(`promdesk check rules: ${(err as Error).message}\n\nUsage:\n${CHECK_RULES_USAGE}\n`, true);
    return 2;
  }
  let failed = false;
  let hasErrors = false;
  for (const f of files) {
    write(`Checking ${f}\n`);
    const parsed = loadRuleFile(f);
    let errors = parsed.errors;
    let lintOnly = false;
    if (errors.length === 0 && lint !== 'none') {
      const dups = findDuplicateRules(parsed.groups);
      if (dups.length > 0) {
        let msg = `lint error ${dups.length} duplicate rule(s) found.\n`;
        for (const d of dups) {
          msg += `Metric: ${d.name}\nLabel(s):\n`;
          for (const k of Object.keys(d.labels).sort()) msg += `\t${k}: ${d.labels[k]}\n`;
        }
        errors = [msg + 'Might cause inconsistency while recording expressions'];
        lintOnly = true;
      }
    }
    if (errors.length > 0) {
      write('  FAILED:\n' + errors.map((e) => e + '\n').join(''), true);
      failed = true;
      hasErrors ||= !lintOnly;
    } else {
      write(`  SUCCESS: ${parsed.groups.reduce((n, g) => n + g.rules.length, 0)} rules found\n`);
    }
    write('\n');
  }
  return failed && (hasErrors || fatal) ? 1 : 0;
}

export async function runTestRules(argv: string[]): Promise<number> {
  const files = argv.filter((a) => !a.startsWith('--'));
  if (files.length === 0 || files.length !== argv.length) {
    write(
      `promdesk test rules: ${files.length === 0 ? 'no test files given' : 'unknown option'}\n\nUsage:\n${TEST_RULES_USAGE}\n`,
      true,
    );
    return 2;
  }
  let failed = false;
  for (const f of files) {
    write(`Unit Testing:  ${f}\n`);
    const errs = await runUnitTestFile(f);
    if (errs.length > 0) {
      write('  FAILED:\n', true);
      for (const e of errs) {
        write(e + '\n', true);
        write('\n');
      }
      failed = true;
    } else write('  SUCCESS\n');
    write('\n');
  }
  return failed ? 1 : 0;
}
