// The discovery of every scrape_config: its static groups plus what each of its file_sd, http_sd
// and dns_sd sources finds, handed over per job whenever a source's groups change.
import type { PrometheusConfig, ScrapeConfig } from '../config/prometheus-config';
import type { HttpClient } from '../scrape/http-fetch';
import type { TargetGroup } from '../targets';
import type { Discoverer } from './discoverer';
import { DnsSd } from './dns-sd';
import type { DnsSdLookup } from './dns-sd-lookup';
import { FileSd } from './file-sd';
import { HttpSd } from './http-sd';

export interface JobGroups {
  sc: ScrapeConfig;
  groups: TargetGroup[];
  /** The discovery errors of the job's sources now (their last good groups are in `groups`). */
  errors: string[];
}

export class JobDiscovery {
  private readonly jobs: { sc: ScrapeConfig; sources: Discoverer[] }[];

  constructor(config: PrometheusConfig, client: Pick<HttpClient, 'fetch'>, dns: DnsSdLookup) {
    this.jobs = config.scrapeConfigs.map((sc) => ({
      sc,
      sources: [
        ...sc.fileSdConfigs.map((c) => new FileSd(c)),
        ...sc.httpSdConfigs.map((c) => new HttpSd(c, client)),
        ...sc.dnsSdConfigs.map((c) => new DnsSd(c, dns)),
      ],
    }));
  }

  /** Every job's groups as known now (file_sd files are read at once; http_sd has none yet). */
  all(): JobGroups[] {
    return this.jobs.map((j) => this.groupsOf(j));
  }

  /** Starts the sources; `changed` gets a job's groups each time one of its sources changes. */
  start(changed: (job: JobGroups) => void): void {
    for (const j of this.jobs) for (const s of j.sources) s.start(() => changed(this.groupsOf(j)));
  }

  stop(): void {
    for (const j of this.jobs) for (const s of j.sources) s.stop();
  }

  private groupsOf(j: { sc: ScrapeConfig; sources: Discoverer[] }): JobGroups {
    const statics: TargetGroup[] = j.sc.staticConfigs.map((sg) => ({
      targets: sg.targets.map((address) => ({ __address__: address })),
      labels: sg.labels,
    }));
    return {
      sc: j.sc,
      groups: [...statics, ...j.sources.flatMap((s) => s.groups())],
      errors: j.sources.flatMap((s) => s.errors()),
    };
  }
}
