import { EXIT } from './exit-codes.js';

/**
 * Ends the process quietly once nobody reads `stream` any more (`pm-ledger show | head -1`,
 * `pm-ledger summary | true`): the write fails with EPIPE, and what is left to print has
 * no reader. The ledger is not read further and no stack trace is printed; the status is
 * {@link EXIT.readerGone}. Any other write error is thrown, as before.
 */
export function exitWhenReaderGone(
  stream: NodeJS.WritableStream,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    exit(EXIT.readerGone);
  });
}
