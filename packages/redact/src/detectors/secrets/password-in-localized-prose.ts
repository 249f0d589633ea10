import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { forEachName, type NameKeys } from './credential-name-search.js';
import { localizedProseLead, reportAfterLead } from './prose-value.js';

/**
 * Per language, the keys its name is found from (each with how far before the key the
 * name starts) and the lead read from there. Keys start with a letter rare in English text
 * (`w`, `ñ`, `é`) where the language gives one: `indexOf` is fast then. In lower case only:
 * each key is a pass over the text (0.07-0.29 ms per MB of code and Markdown), and prose in
 * capitals is rare.
 */
const LANGUAGES: ReadonlyArray<readonly [keys: NameKeys, leads: readonly RegExp[]]> = [
  // German: `Ihr neues Passwort lautet: …`, `Das Kennwort ist …`; compounds too
  // (`Datenbankpasswort ist …`).
  [[['wort', [4]]], [localizedProseLead('(?:pass|kenn)wort', 'lautet|ist|war')]],
  // Dutch: `Het wachtwoord is …`, `Uw wachtwoord luidt: …`.
  [[['woord', [5]]], [localizedProseLead('wachtwoord', 'is|was|luidt')]],
  // French: `Votre mot de passe est : …`.
  [[['passe', [7]]], [localizedProseLead('(?<![A-Za-zÀ-ÿ])mot de passe', 'est|était')]],
  // Spanish: `Su contraseña es: …`, from its `ñ`.
  [[['ña', [8]]], [localizedProseLead('contraseña', 'es|era')]],
  // Portuguese: `A sua senha é …`, from the `é` after it.
  [[['é', [6]]], [localizedProseLead('(?<![A-Za-zÀ-ÿ])senha', 'é')]],
  // Polish: `Twoje hasło to: …`, `Hasło brzmi: …`, from its `ł`.
  [[['ło', [3]]], [localizedProseLead('(?<![A-Za-zÀ-ž])hasło', 'to|brzmi|jest')]],
  // Swedish: `Ditt lösenord är …`, `Lösenordet är: …`.
  [[['ösen', [1]]], [localizedProseLead('lösenord(?:et)?', 'är|var')]],
  // Russian: `Ваш пароль — …`, a dash where English has `is`.
  [[['ароль', [1]]], [localizedProseLead('(?<![А-яЁё])пароль', '—|–|-')]],
];

/**
 * A password given in a sentence in German, Dutch, French, Spanish, Portuguese, Polish,
 * Swedish or Russian (`Ihr Passwort lautet: …`, `Het wachtwoord is …`, `Votre mot de passe
 * est …`, `Su contraseña es …`, `A senha é …`, `Twoje hasło to …`, `Ditt lösenord är …`,
 * `Ваш пароль — …`), as a pasted e-mail gives one: the prose form of decision 0053's names
 * (Italian, `la password è …`, is read with the English). The value is judged as in English
 * prose (`reportAfterLead`): a word (`Das Passwort ist falsch`) is left alone.
 */
export const passwordInLocalizedProse: Detector = {
  id: 'password-in-localized-prose',
  type: 'secret',
  kind: 'generic',
  priority: 50,
  needles: LANGUAGES.flatMap(([keys]) => keys.map(([key]) => key)),
  scan(text: string, out: Finding[]): void {
    for (const [keys, leads] of LANGUAGES) {
      forEachName(text, keys, (start) => {
        reportAfterLead(text, start, leads, out, 'password-in-localized-prose');
        return start + 1;
      });
    }
  },
};
