import { describe, expect, it } from 'vitest';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';

/** Joins pieces at run time: no credential-shaped literal in the repo (scripts/scan-repo-secrets.ts). */
const join = (...parts: string[]) => parts.join('');
const pw = join('hunter', '2');
const key = join('a8f3kd93', 'jf83kd9sl2');
const pwMarkup = join('p<ss', '&w0rd9');

/** The one finding's text. */
function onlySpan(text: string): string {
  const found = detectSecrets(text);
  expect(found).toHaveLength(1);
  return text.slice(found[0]!.start, found[0]!.end);
}

// `password=…` and JSON's `"password": "…"` were masked, the same credential as an XML
// element's text was not: SOAP headers, Maven's settings.xml, .NET and Java configs.
describe('credentials in XML elements', () => {
  it.each([
    ['password', `<password>${pw}</password>`, pw],
    ['apiKey', `<config><apiKey>${key}</apiKey></config>`, key],
    ['secret', `<secret>${key}</secret>`, key],
    ['client_secret', `<client_secret>${key}</client_secret>`, key],
    ['attributes on the opening tag', `<token type="bot">${key}</token>`, key],
    ['a namespace prefix (WS-Security)', `<wsse:Password Type="t">${pw}</wsse:Password>`, pw],
    ['blanks around the text', `<password>\n    ${pw}\n  </password>`, pw],
    ['inside CDATA', `<password><![CDATA[${pw}]]></password>`, pw],
    ['in a JSON string that escapes `/`', `{"body":"<password>${pw}<\\/password>"}`, pw],
    // CDATA is there for values holding `<` or `&`: the look-back stopped at the `<`.
    ['CDATA holding `<` and `&`', `<password><![CDATA[${pwMarkup}]]></password>`, pwMarkup],
    ['CDATA on a line of its own', `<password>\n  <![CDATA[${pw}]]>\n</password>`, pw],
    ['a line break inside the closing tag', `<password>${pw}</password\n>`, pw],
  ])('%s', (_, text, value) => {
    expect(onlySpan(text)).toBe(value);
    const out = createRedactor().redactText(text).text;
    expect(out).not.toContain(value);
    expect(out.slice(0, 1)).toBe(text.slice(0, 1));
  });

  // log4net's appenders and other .NET configs write each setting as an element with a
  // `value` attribute: `<password value="…" />` was read by neither XML detector.
  it.each([
    ['log4net', `<username value="bob" />\n<password value="${pw}" />`, pw],
    ['single quotes', `<password value='${pw}'/>`, pw],
    ['other attributes first, an element after', `<apiKey type="x" value="${key}"></apiKey>`, key],
    ['in a JSON string', `{"x":"<password value=\\"${pw}\\" />"}`, pw],
  ])('a value attribute: %s', (_, text, value) => {
    expect(onlySpan(text)).toBe(value);
  });

  it('a value attribute of other elements, and placeholders, stay as they are', () => {
    for (const text of [
      `<username value="${key}" />`,
      join('<password value="$', '{SMTP_PASSWORD}" />'),
      '<password value="" />',
      `<passwordPolicy value="${key}" />`,
    ]) {
      expect(detectSecrets(text), text).toEqual([]);
    }
  });

  it('an attribute, as `password="…"` already was', () => {
    expect(onlySpan(`<user name="bob" password="${pw}"/>`)).toBe(pw);
  });

  it('markup, placeholders and other elements stay as they are', () => {
    for (const text of [
      join('<password>$', '{DB_PASSWORD}</password>'),
      '<password>********</password>',
      '<apiKey>YOUR_API_KEY</apiKey>',
      '<token>string</token>',
      '<password>Enter your password</password>',
      '<Token>{token}</Token>',
      '<password></password>',
      `<span class="password">${key}</span>`,
      `<passwordPolicy>${key}</passwordPolicy>`,
      `<compass>${key}</compass>`,
      `<password>${pw}</passwd>`,
    ]) {
      expect(detectSecrets(text)).toEqual([]);
    }
  });
});

describe('closing tags stay linear', () => {
  const size = 1_000_000;
  const rep = (unit: string) => (n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  it.each([
    ['</password>…', rep('</password>')],
    [']]></password>…', rep(']]></password>')],
    ['<password>a</password>…', rep('<password>a</password>')],
    ['<\\/token>…', rep('<\\/token>')],
    ['<![CDATA[…', rep('<![CDATA[')],
    ['<password …', rep('<password ')],
    ['<password value="x" value="x"…', (n: number) => `<password${rep(' value="x"')(n)}>`],
    ['<password><![CDATA[<…', rep('<password><![CDATA[<')],
    ['<![CDATA[x]]> ]]></password>…', rep('<![CDATA[x]]> ]]></password>')],
  ])('%s (1 MB)', (_name, make) => {
    expectLinearTime(make, detectSecrets, size);
  });
});
