// Builds the packages in dependency order: each package's .d.ts resolves its siblings
// through their built types, so a package builds only after the ones it imports.
import { execFileSync } from 'node:child_process';

const order = ['envelope-schemas', 'redact', 'budget', 'ledger', 'llm-client'];
for (const name of order) {
  console.log(`\n> build @pm/${name}`);
  execFileSync('npm', ['run', 'build', '--silent', '-w', `@pm/${name}`], { stdio: 'inherit' });
}
