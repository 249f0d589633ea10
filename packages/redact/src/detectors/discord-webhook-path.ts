/**
 * A Discord webhook's API path up to its id, ending where the id starts:
 * `discord.com/api/webhooks/`, also `discordapp.com`, the `ptb.`/`canary.` hosts and a
 * versioned `/api/v10/` (the shapes `secrets/discord-webhook.ts` reads). Anchored at the
 * end of a slice of at most `LOOK_BACK` characters: linear.
 */
const PATH_BEFORE_ID = /(?:^|[^A-Za-z0-9-])discord(?:app)?\.com\/api\/(?:v\d{1,2}\/)?webhooks\/$/i;

/** The longest path it matches, with the character before it. */
const LOOK_BACK = '.discordapp.com/api/v10/webhooks/'.length;

/**
 * Whether the digits at `at` are the id of a Discord webhook URL. A snowflake of 17-20
 * digits, not a card, though one in ten of 2018-2020's ids passes a card check: the
 * webhook detector reports id and token as one secret, but where the token is a
 * placeholder (`YOUR_TOKEN_HERE`, `<token>`) or missing, the card detector was left to
 * read the id. Only a `/` before `at` costs a look-back.
 */
export function isDiscordWebhookId(text: string, at: number): boolean {
  return (
    text.charCodeAt(at - 1) === 47 /* / */ &&
    PATH_BEFORE_ID.test(text.slice(Math.max(0, at - LOOK_BACK), at))
  );
}
