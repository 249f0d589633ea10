import { isDigit } from '../char-class.js';

/**
 * A `/` of a Discord webhook URL as it is written in text: plain, escaped in JSON (`\/`,
 * as PHP's `json_encode` and many loggers write every slash) or percent-encoded (`%2F`, the
 * URL carried in another URL's query). Each form starts with a different character: no
 * backtracking.
 */
export const SLASH = String.raw`(?:\\?\/|%2[Ff])`;

/** What may stand right before the host: a non-name character, or an encoded `/`. */
export const BEFORE_HOST = '(?:^|[^A-Za-z0-9-]|%2[Ff])';

/**
 * A `/` as the copy of a text scanned with its escapes blanked (`escaped-text.ts`) shows
 * it: `\/` and `%2F` become two and three spaces, and the card detector reads that copy
 * too. Only here, right after the host, `api` and `webhooks`, do blanks stand for a `/`.
 */
const SLASH_OR_BLANKED = `(?:${SLASH}| {2,3})`;

/**
 * A Discord webhook's API path up to its id, ending where the id starts:
 * `discord.com/api/webhooks/`, also `discordapp.com`, the `ptb.`/`canary.` hosts and a
 * versioned `/api/v10/` (the shapes `secrets/discord-webhook.ts` reads), its slashes in
 * any of the forms of {@link SLASH}. Anchored at the end of a slice of at most
 * `LOOK_BACK` characters: linear.
 */
const PATH_BEFORE_ID = new RegExp(
  `${BEFORE_HOST}discord(?:app)?\\.com${SLASH_OR_BLANKED}api${SLASH_OR_BLANKED}(?:v\\d{1,2}${SLASH_OR_BLANKED})?webhooks${SLASH_OR_BLANKED}$`,
  'i',
);

/** The longest path it matches, with what may stand before it (every `/` as `%2F`). */
const LOOK_BACK = '%2Fdiscordapp.com%2Fapi%2Fv10%2Fwebhooks%2F'.length;

/** A snowflake's digits, as the webhook detector reads the id. */
const ID_MIN = 17;
const ID_MAX = 20;

/**
 * Whether the digits at `at` are the id of a Discord webhook URL. A snowflake of 17-20
 * digits, not a card, though one in ten of 2018-2020's ids passes a card check: the
 * webhook detector reports id and token as one secret, but where the token is a
 * placeholder (`YOUR_TOKEN_HERE`, `<token>`) or missing, the card detector was left to
 * read the id. Only an unbroken run of a snowflake's length is one: a 16-digit or grouped
 * card written after the path is still a card. Only such a run after a `/`, its escape or
 * a blank costs a look-back.
 */
export function isDiscordWebhookId(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  // `/`, the `F` of `%2F`, or the blanks the escape-blanked copy has for `\/` or `%2F`
  // (two: a card after one space, the common case, costs no look-back).
  const blanked = before === 32 && text.charCodeAt(at - 2) === 32;
  if (before !== 47 && (before | 32) !== 102 && !blanked) return false;
  let end = at;
  while (end - at <= ID_MAX && isDigit(text.charCodeAt(end))) end++;
  return (
    end - at >= ID_MIN &&
    end - at <= ID_MAX &&
    PATH_BEFORE_ID.test(text.slice(Math.max(0, at - LOOK_BACK), at))
  );
}
