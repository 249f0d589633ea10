/**
 * Exit codes of `pm-ledger` (stable; documented in the README):
 * 0 ok; 1 the ledger has problems (verify) or is damaged (summary, show); 2 usage error;
 * 3 could not read (no ledger in the folder, unreadable key or file).
 */
export const EXIT = { ok: 0, problems: 1, usage: 2, unreadable: 3 } as const;
