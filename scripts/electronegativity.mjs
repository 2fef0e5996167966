// Runs Electronegativity (Doyensec's checker for Electron security anti-patterns) over the
// desktop shell's sources and fails on any high or medium finding that is not justified by a
// comment beside its code:
//
//   // electronegativity-justified: CHECK_ID — why this is safe here
//
// on the flagged line or in the comment lines right above it. Also fails on a justification that
// no finding needs any more (stale), on Electronegativity's own `eng-disable` comments (they
// hide a finding without a reason), and on a file it could not parse. Offline and in-process:
// its network lookups (translations, Electron's release list) are answered "offline" at once.
//
//   node scripts/electronegativity.mjs [--json] [--root DIR]   (DIR: another tree, for its test)
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const rootAt = process.argv.indexOf('--root');
const root = rootAt >= 0 ? process.argv[rootAt + 1] : repo;
const json = process.argv.includes('--json');

/** What is scanned: the main process, the preload, the host's entry, the shell's policy functions, the page. */
const SCANNED = [
  'electron/main.ts',
  'electron/preload.ts',
  'electron/engine-host.ts',
  ...(existsSync(join(root, 'electron/desktop')) ? readdirSync(join(root, 'electron/desktop')) : [])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `electron/desktop/${f}`),
  'renderer/index.html',
].filter((rel) => existsSync(join(root, rel)));
/** Needs Electron's release list from the network; Electron's version is kept current by hand. */
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];
const JUSTIFIED = /electronegativity-justified:\s*([A-Z_]+)\s*[—-]+\s*(\S.{9,})/;

const require = createRequire(join(repo, 'node_modules', '@doyensec', 'electronegativity', 'package.json'));
// Both of its network uses go through `got`: answer them offline, at once.
const offline = () => Promise.reject(new Error('offline: Electronegativity runs without the network here'));
offline.default = offline;
require.cache[require.resolve('got')] = { id: 'got', loaded: true, exports: offline };
const run = require('./dist/runner.js');

const work = mkdtempSync(join(tmpdir(), 'promdesk-electronegativity-'));
const started = Date.now();
const problems = [];
let result;
const lines = new Map();
try {
  for (const rel of SCANNED) {
    mkdirSync(dirname(join(work, rel)), { recursive: true });
    copyFileSync(join(root, rel), join(work, rel));
    lines.set(rel, readFileSync(join(root, rel), 'utf8').split('\n'));
  }
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  writeFileSync(
    join(work, 'package.json'),
    JSON.stringify({ name: pkg.name, devDependencies: { electron: pkg.devDependencies.electron } }),
  );
  // Its i18n setup prints when the translations cannot be fetched: keep stdout ours.
  const log = console.log;
  console.log = () => {};
  try {
    result = await run({
      input: work,
      isRelative: true,
      customScan: [],
      excludeFromScan: EXCLUDED.map((c) => c.toLowerCase()),
      severitySet: 'INFORMATIONAL',
      confidenceSet: 'TENTATIVE',
    });
  } finally {
    console.log = log;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

for (const e of result.errors)
  if (!e.tolerable) problems.push(`could not parse ${relative(work, e.file)}: ${e.message}`);

// Justifications written beside the code: file -> line (1-based) -> check id.
const justifications = [];
for (const [rel, text] of lines) {
  text.forEach((line, i) => {
    if (/eng-disable/.test(line))
      problems.push(
        `${rel}:${i + 1}: eng-disable hides a finding without a reason; use "electronegativity-justified: CHECK — why"`,
      );
    const m = JUSTIFIED.exec(line);
    if (m) justifications.push({ file: rel, line: i + 1, check: m[1], reason: m[2].trim(), used: false });
    else if (/electronegativity-justified/.test(line))
      problems.push(
        `${rel}:${i + 1}: a justification needs the form "electronegativity-justified: CHECK_ID — why (10+ characters)"`,
      );
  });
}

/** The justification for a finding at `line`: on that line or in the comment block right above. */
function justificationFor(file, line, check) {
  const text = lines.get(file);
  if (!text) return null;
  for (let l = line; l >= 1; l--) {
    const j = justifications.find((x) => x.file === file && x.line === l && x.check === check);
    if (j) return j;
    if (l < line && !/^\s*(\/\/|\*|\/\*|<!--)/.test(text[l - 1])) break;
  }
  return null;
}

const findings = result.issues.map((i) => ({
  check: i.id,
  severity: i.severity.name,
  confidence: i.confidence.name,
  file: i.file === 'N/A' ? 'N/A' : i.file.split(sep).join('/'),
  line: i.location.line,
  description: i.description,
}));
const serious = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
const justified = [];
for (const f of serious) {
  const j = justificationFor(f.file, f.line, f.check);
  if (j) {
    j.used = true;
    justified.push({ ...f, reason: j.reason });
  } else {
    problems.push(
      `${f.file}:${f.line}: ${f.check} (${f.severity}, ${f.confidence}) not justified: ${f.description}`,
    );
  }
}
for (const j of justifications)
  if (!j.used) problems.push(`${j.file}:${j.line}: stale justification: no ${j.check} finding here any more`);

const summary = {
  ms: Date.now() - started,
  scanned: SCANNED,
  checks: result.globalChecks + result.atomicChecks,
  findings: findings.length,
  justified,
  lowOrInformational: findings
    .filter((f) => !serious.includes(f))
    .map((f) => `${f.check} ${f.file}:${f.line}`),
  problems,
};
if (json) {
  console.log(JSON.stringify(summary, null, 2));
} else {
  console.log(
    `Electronegativity: ${summary.checks} checks over ${SCANNED.length} files in ${summary.ms} ms; ` +
      `${serious.length} high/medium findings, ${justified.length} justified beside their code`,
  );
  for (const j of justified) console.log(`  justified ${j.check} at ${j.file}:${j.line}: ${j.reason}`);
  for (const p of problems) console.log(`  PROBLEM ${p}`);
}
process.exit(problems.length ? 1 : 0);
