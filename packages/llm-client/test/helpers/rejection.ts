/** What `pending` rejects with; fails the test when it resolves. */
export function rejection(pending: Promise<unknown>): Promise<Error> {
  return pending.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as Error,
  );
}
