// An artifact helper thread (see artifact-helper.ts): checks the batches of artifacts it is
// sent, in order, and answers each with the problems found, by item tag. Its run folder and
// whether to scan for secrets come as workerData.
import { parentPort, workerData } from 'node:worker_threads';
import { type ArtifactItem, checkArtifactFile } from './artifact-file-check.js';
import type { ArtifactFindings } from './artifact-helper.js';

const port = parentPort;
if (port !== null) {
  const { runDir, scanSecrets } = workerData as { runDir: string; scanSecrets: boolean };
  port.on('message', (batch: ArtifactItem[]) => {
    const findings: ArtifactFindings = [];
    for (const item of batch) {
      const problems = checkArtifactFile(runDir, item, scanSecrets);
      if (problems.length > 0) findings.push([item[0], item[1], problems]);
    }
    port.postMessage(findings);
  });
  port.postMessage('ready');
}
