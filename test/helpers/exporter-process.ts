// Exporters for load: `targets` HTTP servers on consecutive ports from port0, each exposing
// `series` gauges `load_series{t,i}` whose value is the request count, run in a child process
// so their CPU is not the server's. And a prometheus.yml scraping them every second.
import { spawn, type ChildProcess } from 'node:child_process';

export function startExporterProcess(port0: number, targets: number, series: number): ChildProcess {
  const code = `
    const http = require('http');
    const [port0, targets, series] = process.argv.slice(1).map(Number);
    for (let t = 0; t < targets; t++) {
      let n = 0;
      http.createServer((q, r) => {
        n++;
        let s = '# TYPE load_series gauge\\n';
        for (let i = 0; i < series; i++) s += 'load_series{t="' + t + '",i="' + i + '"} ' + n + '\\n';
        r.end(s);
      }).listen(port0 + t, '127.0.0.1');
    }`;
  return spawn(process.execPath, ['-e', code, String(port0), String(targets), String(series)], {
    stdio: 'inherit',
  });
}

export function scrapeConfig(port0: number, targets: number): string {
  const list = Array.from({ length: targets }, (_, i) => `"127.0.0.1:${port0 + i}"`).join(', ');
  return (
    'global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n' +
    `scrape_configs:\n  - job_name: load\n    static_configs:\n      - targets: [${list}]\n`
  );
}
