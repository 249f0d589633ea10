// Runs publint and @arethetypeswrong/cli on every package; any error fails the run.
// attw checks every resolution TypeScript has, node10 included: the runtime is Node 20, but
// many projects still type-check with `moduleResolution: "node"`, which ignores `exports`;
// `typesVersions` points it at the subpaths' types (@pm/budget/redis and the like).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
let failed = 0;
for (const name of readdirSync('packages')) {
  const dir = `packages/${name}`;
  for (const [tool, args] of [
    ['publint', ['--strict', dir]],
    ['attw', ['--pack', dir, '--format', 'table-flipped']],
  ]) {
    console.log(`\n> ${tool} ${dir}`);
    try {
      execFileSync(bin(tool), args, { stdio: 'inherit' });
    } catch {
      failed++;
      console.error(`✗ ${tool} failed for ${dir}`);
    }
  }
}
if (failed > 0) {
  console.error(`\n${failed} package check(s) failed`);
  process.exit(1);
}
console.log('\nall package checks passed');
