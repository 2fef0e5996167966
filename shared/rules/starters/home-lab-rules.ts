// The starter home-lab rules Promdesk writes itself (not taken from a community collection): a
// Prometheus rule file as text, so that it is the very file promtool checks and tests
// (home-lab-rules.test.yml beside this module runs it as home-lab-rules.yml). Enabled from the
// Alerts view in one click; a UI rule of the same alert name replaces a starter rule.
//
// The node_* rules read node_exporter's series; the promdesk-self group reads Promdesk's own
// /metrics (electron/engine/http/self-metrics.ts, remote-write/senders.ts), in the store once a
// target scrapes this app's /metrics, and the scrape_duration_seconds every scrape writes.

/** The file name the rules have when written out (promtool, the unit test beside this module). */
export const HOME_LAB_RULES_FILE = 'home-lab-rules.yml';

// Filesystems worth watching: not the in-memory and read-only image ones.
const FS = `fstype!~"tmpfs|ramfs|devtmpfs|squashfs|overlay|nsfs|fuse.lxcfs",mountpoint!=""`;

export const HOME_LAB_RULES_YAML = `groups:
  - name: home-lab-targets
    rules:
      - alert: TargetDown
        expr: up == 0
        for: 5m
        labels:
          severity: warning
        annotations:
          summary: "{{ $labels.instance }} ({{ $labels.job }}) is down"
          description: "Every scrape of {{ $labels.instance }} in job {{ $labels.job }} has failed for at least 5 minutes."

  - name: home-lab-node
    rules:
      - alert: DiskWillFillIn24Hours
        expr: |
          predict_linear(node_filesystem_avail_bytes{${FS}}[6h], 24 * 3600) < 0
          and node_filesystem_readonly{${FS}} == 0
        for: 1h
        labels:
          severity: warning
        annotations:
          summary: "{{ $labels.mountpoint }} on {{ $labels.instance }} will be full within 24 hours"
          description: >-
            At the pace of the last 6 hours, {{ $labels.mountpoint }} ({{ $labels.device }}) on
            {{ $labels.instance }} runs out of space within a day{{ with printf
            "node_filesystem_avail_bytes{instance='%s',mountpoint='%s'}" $labels.instance $labels.mountpoint
            | query }}; {{ . | first | value | humanize1024 }}B are free now{{ end }}.

      - alert: DiskAlmostFull
        expr: |
          1 - node_filesystem_avail_bytes{${FS}} / node_filesystem_size_bytes{${FS}} > 0.9
        for: 15m
        labels:
          severity: warning
        annotations:
          summary: "{{ $labels.mountpoint }} on {{ $labels.instance }} is {{ $value | humanizePercentage }} full"
          description: "{{ $labels.mountpoint }} ({{ $labels.device }}) on {{ $labels.instance }} has had less than 10% of its space left for 15 minutes."

      - alert: InodesAlmostFull
        expr: |
          1 - node_filesystem_files_free{${FS}} / node_filesystem_files{${FS}} > 0.9
          and node_filesystem_files{${FS}} > 0
        for: 15m
        labels:
          severity: warning
        annotations:
          summary: "{{ $labels.mountpoint }} on {{ $labels.instance }} has used {{ $value | humanizePercentage }} of its inodes"
          description: "New files cannot be created on {{ $labels.mountpoint }} ({{ $labels.device }}) once its inodes run out, even with space left."

      - alert: MemoryPressure
        expr: |
          node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < 0.1
        for: 10m
        labels:
          severity: warning
        annotations:
          summary: "{{ $labels.instance }} has {{ $value | humanizePercentage }} of its memory available"
          description: "Less than 10% of the memory of {{ $labels.instance }} has been available for 10 minutes: the kernel reclaims caches, swaps, or starts killing processes."

      - alert: ClockNotSynchronised
        expr: |
          min_over_time(node_timex_sync_status[5m]) == 0
          and node_timex_maxerror_seconds >= 16
        for: 10m
        labels:
          severity: warning
        annotations:
          summary: "The clock of {{ $labels.instance }} is not synchronised"
          description: "NTP has not kept the clock of {{ $labels.instance }} in sync for 10 minutes: check that chronyd, ntpd or systemd-timesyncd runs and reaches its servers."

      - alert: ClockDrifting
        expr: |
          abs(node_timex_offset_seconds) > 0.05
        for: 10m
        labels:
          severity: warning
        annotations:
          summary: "The clock of {{ $labels.instance }} is {{ $value | humanizeDuration }} off"
          description: "The clock of {{ $labels.instance }} has been more than 50ms away from its time source for 10 minutes; timestamps of its logs and metrics drift."

  - name: promdesk-self
    rules:
      - alert: PromdeskRemoteWriteFailing
        expr: |
          rate(promdesk_remote_write_samples_failed_total[5m]) > 0
        for: 5m
        labels:
          severity: critical
        annotations:
          summary: "Remote write to {{ $labels.url }} refuses samples"
          description: "{{ $value | humanize }} samples per second sent to {{ $labels.url }} were refused (a 4xx answer) and are lost."

      - alert: PromdeskRemoteWriteStalled
        expr: |
          time() - promdesk_remote_write_last_send_timestamp_seconds > 600
          and promdesk_remote_write_queue_samples > 0
        for: 5m
        labels:
          severity: critical
        annotations:
          summary: "Remote write to {{ $labels.url }} has sent nothing for {{ $value | humanizeDuration }}"
          description: "Samples wait in the queue for {{ $labels.url }} and no send has succeeded for over 10 minutes; the queue drops them once they are too old."

      - alert: PromdeskStoreCommitsFailing
        expr: |
          increase(promdesk_store_commit_failures_total[10m]) > 0
        labels:
          severity: critical
        annotations:
          summary: "The Promdesk store on {{ $labels.instance }} fails to commit samples"
          description: "{{ $value | humanize }} commits failed in the last 10 minutes and their samples were not stored: is the disk full or read-only?"

      - alert: PromdeskStoreDamaged
        expr: |
          increase(promdesk_store_chunks_corrupt_total[1h]) > 0
        labels:
          severity: warning
        annotations:
          summary: "The Promdesk store on {{ $labels.instance }} found damaged chunks"
          description: "{{ $value | humanize }} stored chunks failed their checksum in the last hour and were skipped: some history is lost."

      # A scrape's timeout is at most its interval, so a scrape "slower than its interval" is seen as
      # scrapes taking (nearly) all of it: the share of the last 10 minutes spent scraping the target.
      - alert: ScrapeSlowerThanInterval
        expr: |
          sum_over_time(scrape_duration_seconds[10m]) / 600 > 0.9
        for: 10m
        labels:
          severity: warning
        annotations:
          summary: "Scrapes of {{ $labels.instance }} ({{ $labels.job }}) take their whole interval"
          description: "Scraping {{ $labels.instance }} took {{ $value | humanizePercentage }} of the last 10 minutes: its scrapes come close to their interval, time out, and leave gaps."
`;
