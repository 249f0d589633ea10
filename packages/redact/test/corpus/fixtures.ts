/**
 * Key-shaped literals the unit tests use, kept under `test/corpus/` (the path a repo-wide
 * secret scan allow-lists). All synthetic or published documentation examples: none is,
 * or was, a live credential.
 */

/** A synthetic GitHub token (random body, never issued). */
export const SYNTHETIC_GITHUB_TOKEN = 'ghp_R2d9xK7pQ4mN8vL3wT6yB1cF5hJ0zA2sD4gE';

/** Placeholders and documentation examples that must not be reported as secrets. */
export const PLACEHOLDER_SECRETS = [
  'sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal `${…}` placeholder is the test case
  'password=${PASSWORD}',
  'api_key: <your-key>',
  'token = "<YOUR_TOKEN>"',
  'secret: "aaaaaaaaaaaaaaaa"',
  // AWS documentation's example access key id and secret key.
  'AKIAIOSFODNN7EXAMPLE',
  'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
  'ghp_000000000000000000000000000000000000',
] as const;
