// Rules made in the UI and the starter set, kept in the data directory: <data dir>/rules/
// promdesk-ui.yml is a real Prometheus rule file (promtool checks it; written atomically) holding
// the UI's groups, and starters.json whether the starter home-lab rules run. Each change is
// checked first (an error names the group, the rule and the field) and then handed to the rule
// manager: the UI's groups as source 'ui', the starter groups as 'starter'. A UI alert of the same
// name as a starter alert replaces it (editing a starter rule saves a copy into a UI group), so
// the two never both fire. Config rule groups are not here: they stay read-only.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleGroupInput, RuleSource, UiRulesState } from '../../../shared/rules/model';
import { HOME_LAB_RULES_FILE, HOME_LAB_RULES_YAML } from '../../../shared/rules/starters/home-lab-rules';
import { writeFileAtomic } from '../write-atomic';
import { checkRuleGroups, RuleInputError, ruleFileText, ruleGroupInputs } from './ui-rules-file';
import type { RuleGroupDef } from './types';

const UI_RULES_DIR = 'rules';
const UI_RULES_FILE = 'promdesk-ui.yml';
const STARTERS_FILE = 'starters.json';

const HEADER =
  " Rules made in Promdesk's rule editor: a Prometheus rule file (promtool check rules reads it).\n" +
  ' Promdesk rewrites it on each change in the UI and reads it at start.';

/** Where the checked groups go (RuleManager.setGroups). */
export type ApplyRuleGroups = (source: RuleSource, groups: RuleGroupDef[]) => void;

export class UiRuleStore {
  readonly dir: string;
  readonly file: string;
  private groups: RuleGroupInput[] = [];
  private startersEnabled = false;
  /** The UI's file could not be read at the last load: changes are refused so that it is not overwritten. */
  private loadProblem: string | null = null;
  private readonly starters: RuleGroupInput[];

  constructor(
    dataDir: string,
    private readonly apply: ApplyRuleGroups,
    private readonly log: (msg: string) => void = (m) => console.error(m),
  ) {
    this.dir = join(dataDir, UI_RULES_DIR);
    this.file = join(this.dir, UI_RULES_FILE);
    const starters = ruleGroupInputs(HOME_LAB_RULES_YAML, HOME_LAB_RULES_FILE);
    if (starters.errors.length > 0) throw new Error(`the starter rules do not check: ${starters.errors[0]}`);
    this.starters = starters.groups;
  }

  /**
   * Reads the data directory's rules and hands them to the rule manager: at start, and again on a
   * config reload (SIGHUP, /-/reload), so that a hand edit of the file takes effect. A file that
   * does not check keeps the rules in force (none at start), is logged, and is not overwritten.
   */
  load(): void {
    let text: string | null = null;
    let problem: string | null = null;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        problem = `${this.file}: ${(err as Error).message}`;
    }
    if (text === null && problem === null) this.groups = [];
    if (text !== null) {
      const read = ruleGroupInputs(text, this.file);
      if (read.errors.length > 0) problem = read.errors.join('\n');
      else this.groups = read.groups;
    }
    this.loadProblem = problem;
    if (problem) this.log(`rules made in the UI not loaded: ${problem}`);
    try {
      const v = JSON.parse(readFileSync(join(this.dir, STARTERS_FILE), 'utf8')) as { enabled?: unknown };
      this.startersEnabled = v?.enabled === true;
    } catch {
      this.startersEnabled = false;
    }
    this.applyAll();
  }

  state(): UiRulesState {
    return {
      file: this.file,
      groups: structuredClone(this.groups),
      loadError: this.loadProblem,
      startersEnabled: this.startersEnabled,
      starters: structuredClone(this.starters),
    };
  }

  /** The problems saving this group would meet (with the other UI groups); none: it saves. */
  problems(input: RuleGroupInput): string[] {
    try {
      checkRuleGroups(this.withGroup(input));
      return [];
    } catch (err) {
      if (err instanceof RuleInputError) return err.problems;
      throw err;
    }
  }

  /** Creates or replaces the UI group of this name. */
  put(input: RuleGroupInput): UiRulesState {
    this.refuseWhileUnreadable();
    const next = this.withGroup(input);
    checkRuleGroups(next);
    this.save(next);
    return this.state();
  }

  delete(name: string): UiRulesState {
    this.refuseWhileUnreadable();
    if (!this.groups.some((g) => g.name === name)) throw new Error(`no rule group "${name}" made in the UI`);
    this.save(this.groups.filter((g) => g.name !== name));
    return this.state();
  }

  setStarters(enabled: boolean): UiRulesState {
    mkdirSync(this.dir, { recursive: true });
    writeFileAtomic(join(this.dir, STARTERS_FILE), `${JSON.stringify({ enabled })}\n`);
    this.startersEnabled = enabled;
    this.applyAll();
    return this.state();
  }

  private withGroup(input: RuleGroupInput): RuleGroupInput[] {
    const i = this.groups.findIndex((g) => g.name === input.name);
    return i < 0 ? [...this.groups, input] : this.groups.map((g, j) => (j === i ? input : g));
  }

  private refuseWhileUnreadable(): void {
    if (this.loadProblem)
      throw new Error(
        `${this.file} could not be read, and saving would overwrite it: fix or remove it, then restart or reload (${this.loadProblem.split('\n')[0]})`,
      );
  }

  private save(groups: RuleGroupInput[]): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileAtomic(this.file, ruleFileText(groups, HEADER));
    this.groups = structuredClone(groups);
    this.applyAll();
  }

  private applyAll(): void {
    const ui = checkRuleGroups(this.groups);
    this.apply('ui', ui);
    const replaced = new Set(ui.flatMap((g) => g.rules.filter((r) => r.kind === 'alert').map((r) => r.name)));
    const starters = this.startersEnabled
      ? checkRuleGroups(this.starters).map((g) => ({
          ...g,
          rules: g.rules.filter((r) => !(r.kind === 'alert' && replaced.has(r.name))),
        }))
      : [];
    this.apply('starter', starters);
  }
}
