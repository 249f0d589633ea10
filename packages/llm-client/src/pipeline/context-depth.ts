/**
 * How deep a call's context is walked: for values JSON cannot carry, and for disclosures
 * nested in it (the redactor bounds its own walk with `maxDepth`).
 */
export const MAX_CONTEXT_DEPTH = 64;
