/** Resolves once `check` holds, polling the event loop (e.g. a request reaching a server). */
export async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 2));
}
