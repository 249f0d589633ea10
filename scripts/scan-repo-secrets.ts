// Scans every tracked file for secrets with the project's own detector (`detectSecrets`
// from @pm/redact) and fails on a hit. Fixtures that must hold key-shaped strings are
// allow-listed by path, each with its reason, in .secret-scan-allow. Run by .ci/run.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { detectSecrets } from '../packages/redact/src/index.js';

interface AllowRule {
  prefix: string;
  reason: string;
}

const allow: AllowRule[] = readFileSync('.secret-scan-allow', 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'))
  .map((line) => {
    const [prefix = '', ...reason] = line.split(/\s+#\s+/);
    if (reason.length === 0)
      throw new Error(`.secret-scan-allow: "${line}" needs a reason after " # "`);
    return { prefix: prefix.trim(), reason: reason.join(' # ') };
  });

const files = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' })
  .split('\0')
  .filter(Boolean);
let scanned = 0;
let allowed = 0;
const hits: string[] = [];
for (const file of files) {
  if (allow.some((rule) => file.startsWith(rule.prefix))) {
    allowed++;
    continue;
  }
  const bytes = readFileSync(file);
  if (bytes.includes(0)) continue; // binary
  scanned++;
  const text = bytes.toString('utf8');
  for (const finding of detectSecrets(text)) {
    const line = text.slice(0, finding.start).split('\n').length;
    hits.push(`${file}:${line}: ${finding.kind} (detector ${finding.detector})`);
  }
}
console.log(
  `secret scan: ${scanned} tracked files scanned, ${allowed} allow-listed by path (${allow.length} rules), ${hits.length} hit(s)`,
);
if (hits.length > 0) {
  console.error(
    `Secrets found in tracked files (values not shown):\n${hits.map((h) => `  ${h}`).join('\n')}`,
  );
  console.error(
    'Remove them, or, for a test fixture that must hold a key-shaped string, add its path to .secret-scan-allow with a reason.',
  );
  process.exit(1);
}
