import { isDigit } from '../char-class.js';

/**
 * A Discord webhook's API path up to its id, ending where the id starts:
 * `discord.com/api/webhooks/`, also `discordapp.com`, the `ptb.`/`canary.` hosts and a
 * versioned `/api/v10/` (the shapes `secrets/discord-webhook.ts` reads). Anchored at the
 * end of a slice of at most `LOOK_BACK` characters: linear.
 */
const PATH_BEFORE_ID = /(?:^|[^A-Za-z0-9-])discord(?:app)?\.com\/api\/(?:v\d{1,2}\/)?webhooks\/$/i;

/** The longest path it matches, with the character before it. */
const LOOK_BACK = '.discordapp.com/api/v10/webhooks/'.length;

/** A snowflake's digits, as the webhook detector reads the id. */
const ID_MIN = 17;
const ID_MAX = 20;

/**
 * Whether the digits at `at` are the id of a Discord webhook URL. A snowflake of 17-20
 * digits, not a card, though one in ten of 2018-2020's ids passes a card check: the
 * webhook detector reports id and token as one secret, but where the token is a
 * placeholder (`YOUR_TOKEN_HERE`, `<token>`) or missing, the card detector was left to
 * read the id. Only an unbroken run of a snowflake's length is one: a 16-digit or grouped
 * card written after the path is still a card. Only a `/` before `at` costs a look-back.
 */
export function isDiscordWebhookId(text: string, at: number): boolean {
  if (text.charCodeAt(at - 1) !== 47 /* / */) return false;
  let end = at;
  while (end - at <= ID_MAX && isDigit(text.charCodeAt(end))) end++;
  return (
    end - at >= ID_MIN &&
    end - at <= ID_MAX &&
    PATH_BEFORE_ID.test(text.slice(Math.max(0, at - LOOK_BACK), at))
  );
}
