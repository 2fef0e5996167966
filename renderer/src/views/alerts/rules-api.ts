// The Api calls the alert views make, behind one narrow type while the engine side lands.
import type { Api, LabelSet } from '../../../../shared/api';
import type { RulesStatus, SilenceInput, SilenceView } from '../../../../shared/rules/model';

export interface RulesApi {
  getRules(): Promise<RulesStatus>;
  listSilences(): Promise<SilenceView[]>;
  putSilence(input: SilenceInput & { id?: string }): Promise<SilenceView>;
  expireSilence(id: string): Promise<void>;
  /** A silence of exactly these labels from now on, for `durationMs`. */
  silenceAlert(labels: LabelSet, durationMs: number): Promise<SilenceView>;
  muteAll(durationMs: number): Promise<SilenceView>;
}

const notYet = (what: string) => Promise.reject(new Error(`this engine has no ${what} yet`));

export function rulesApi(api: Api): RulesApi {
  const a = api as Api & Partial<RulesApi>;
  return {
    getRules: () => (a.getRules ? a.getRules() : notYet('rule evaluation')),
    listSilences: () => (a.listSilences ? a.listSilences() : notYet('silences')),
    putSilence: (input) => (a.putSilence ? a.putSilence(input) : notYet('silences')),
    expireSilence: (id) => (a.expireSilence ? a.expireSilence(id) : notYet('silences')),
    silenceAlert: (labels, ms) => (a.silenceAlert ? a.silenceAlert(labels, ms) : notYet('silences')),
    muteAll: (ms) => (a.muteAll ? a.muteAll(ms) : notYet('silences')),
  };
}
