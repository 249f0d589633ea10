/** The errno code of a failed file-system call (`ENOSPC`, `EACCES`, …), or `I/O error`. */
export function errnoCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'I/O error';
}
