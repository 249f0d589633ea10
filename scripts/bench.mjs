// `npm run bench`: runs every package's benchmark (each package's own `bench` script).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

for (const name of readdirSync('packages')) {
  const pkg = JSON.parse(readFileSync(`packages/${name}/package.json`, 'utf8'));
  if (!pkg.scripts?.bench) continue;
  console.log(`\n=== ${pkg.name} ===`);
  execFileSync('npm', ['run', 'bench', '--silent', '-w', pkg.name], { stdio: 'inherit' });
}
