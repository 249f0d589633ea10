import { isDigit } from '../../char-class.js';
import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { isSecretValue } from './secret-value-shape.js';
import { isTokenChar } from './token-char.js';

/** Digits of a bot id: 8 to 10 (core.telegram.org/bots/api#authorizing-your-bot). */
const MIN_ID = 8;
const MAX_ID = 10;
/** Characters after the colon, the first an `A` (gitleaks' telegram-bot-api-token). */
const SECRET_LENGTH = 35;

/**
 * Telegram bot tokens, `<bot id>:<secret>`: 8 to 10 digits, a colon, then 35 base64url
 * characters starting with `A`. The token has no prefix, so its whole shape is required:
 * a digit run of exactly that length that starts a word (or follows `bot`, as the Bot API
 * URL writes it: `api.telegram.org/bot<token>/getMe`), and a secret part that ends a word
 * and is shaped like a secret (`isSecretValue`), so an identifier of 35 letters after an
 * id (`12345678:AgencyIdentificationCodeContentType` in an XSD, gitleaks' false positive)
 * is not one (the price: a secret part of letters only, ~0.4 % of tokens, must look
 * random, which about 1 token in 10,000 does not). gitleaks also asks for the word
 * `telegram` nearby; the shape alone is kept here, as a token pasted into a log or an env
 * file rarely carries the name.
 */
export const telegramBotToken: Detector = {
  id: 'telegram-bot-token',
  type: 'secret',
  kind: 'generic',
  priority: 100,
  // For the short-text gate: every token holds `:A`, the search below starts from it.
  anchors: [':A'],
  scan(text: string, out: Finding[]): void {
    let colon = text.indexOf(':A');
    while (colon >= 0) {
      let next = colon + 2;
      let start = colon;
      while (start > 0 && colon - start <= MAX_ID && isDigit(text.charCodeAt(start - 1))) start--;
      const digits = colon - start;
      const end = colon + 1 + SECRET_LENGTH;
      if (
        digits >= MIN_ID &&
        digits <= MAX_ID &&
        startsToken(text, start) &&
        end <= text.length &&
        !(end < text.length && isTokenChar(text.charCodeAt(end))) &&
        isSecret(text, colon + 1, end)
      ) {
        out.push({ type: 'secret', kind: 'generic', start, end, detector: 'telegram-bot-token' });
        next = end;
      }
      colon = text.indexOf(':A', next);
    }
  },
};

/** Whether the bot id at `start` starts a word, or follows the `bot` of the Bot API's URL. */
function startsToken(text: string, start: number): boolean {
  if (start === 0) return true;
  const before = text.charCodeAt(start - 1);
  if (isDigit(before)) return false;
  if (!isTokenChar(before)) return true;
  return text.startsWith('bot', start - 3) && !isTokenChar(text.charCodeAt(start - 4));
}

/** Whether `text[from, to)` is all base64url and shaped like a secret. */
function isSecret(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isTokenChar(text.charCodeAt(i))) return false;
  return isSecretValue(text.slice(from, to), false, false);
}
