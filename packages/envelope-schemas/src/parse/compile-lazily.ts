import { z } from 'zod';

/**
 * The schema compiled with `z.compile` (zod's ahead-of-time validator: same results and
 * same issues, a few times faster on the hot paths that check every ledger line), built
 * on first use so importing the package stays cheap. Where code generation is not allowed
 * (`new Function` forbidden), `z.compile` hands back the schema itself, which still works.
 */
export function compileLazily<S extends z.ZodType>(schema: S): () => S {
  let compiled: S | null = null;
  return () => {
    compiled ??= z.compile(schema);
    return compiled;
  };
}
