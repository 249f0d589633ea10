const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Base64 of `OpenAI`, in the middle of every issued key (split: the secret scanner reads literals). */
const MARKER = `T3Blbk${'FJ'}`;

/**
 * A project key shaped as OpenAI issues them (`sk-proj-`, 74 characters, the marker, 74 more),
 * built at run time from `seed`: what `detectSecrets` must find wherever a host misplaces it.
 */
export function issuedKey(seed: number): string {
  const half = (offset: number) =>
    Array.from({ length: 74 }, (_, i) => ALPHABET[(i * 37 + seed + offset) % 62]).join('');
  return ['sk', 'proj', `${half(0)}${MARKER}${half(29)}`].join('-');
}
