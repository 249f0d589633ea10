// An artifact helper thread (see artifact-helper.ts): checks the batches of artifacts it is
// sent, in order, and answers each with the problems found, by item tag. Its run folder and
// whether to scan for secrets come as workerData.
import { parentPort, workerData } from 'node:worker_threads';
import { type ArtifactItem, checkArtifactFiles } from './artifact-file-check.js';

const port = parentPort;
if (port !== null) {
  const { runDir, scanSecrets } = workerData as { runDir: string; scanSecrets: boolean };
  port.on('message', (batch: ArtifactItem[]) => {
    port.postMessage(checkArtifactFiles(runDir, batch, scanSecrets));
  });
  port.postMessage('ready');
}
