import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { expectOnlySecret, spans } from './helpers/spans.js';

// A credential named in another language written with spaces (`Passwort: …`, `mot de passe
// : …`, `пароль: …`) passed in clear: only English names (and Chinese, Japanese and Korean
// ones) were read before a separator. Values are generated.
const rng = createPrng(20261208);
const value = `${rng.chars(BASE62, 12)}7k`;

describe('a credential named in another language', () => {
  it.each([
    `Passwort: ${value}`,
    `Benutzer: bob, Kennwort: ${value}`,
    `Datenbankpasswort=${value}`,
    `WLAN-Passwort: ${value}`,
    `API-Schlüssel: ${value}`,
    `Mot de passe : ${value}`,
    `mdp: ${value}`,
    `Clé API = ${value}`,
    `Contraseña: ${value}`,
    `contrasena=${value}`,
    `Senha: ${value}`,
    `Wachtwoord: ${value}`,
    `Hasło: ${value}`,
    `Heslo: ${value}`,
    `Пароль: ${value}`,
    `Токен: ${value}`,
    `Şifre: ${value}`,
    `Şifreniz: ${value}`,
    `Lösenordet: ${value}`,
    `Salasanasi: ${value}`,
    `Jelszavad: ${value}`,
    `Clave de acceso: ${value}`,
    `Chiave API: ${value}`,
    `Lösenord: ${value}`,
    `Passord: ${value}`,
    `Adgangskode: ${value}`,
    `Salasana: ${value}`,
    `Jelszó: ${value}`,
    `Mật khẩu: ${value}`,
    `Kata sandi: ${value}`,
    `הסיסמה: ${value}`,
    `كلمة المرور: ${value}`,
    `{"passwort": "${value}"}`,
  ])('%j', (text) => expectOnlySecret(text, value));

  it.each([
    'Passwort: erforderlich',
    'Passwortlänge: 12',
    'Mot de passe : ********',
    `Resenha: ${value}`,
    'Senha: <sua senha>',
    `Пароль: \${DB_PASSWORD}`,
  ])('leaves %j alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('replaces the value under such a key in an object, as under `password`', () => {
    const redacted = createRedactor().redactValue({
      Passwort: value,
      contraseña: value,
      пароль: value,
      Benutzer: 'bob',
    });
    expect(JSON.stringify(redacted.value)).not.toContain(value);
    expect(redacted.value).toMatchObject({ Benutzer: 'bob' });
  });

  it("takes a Markdown table's column headed by such a name", () => {
    expect(spans(`| Benutzer | Passwort |\n|---|---|\n| bob | ${value} |`)).toEqual([value]);
  });

  it('is linear on repeated names and separators', () => {
    expectLinearTime((n) => 'Passwort: '.repeat(n / 10), detectSecrets, 1_000_000);
    expectLinearTime((n) => 'mot de passe : '.repeat(n / 15), detectSecrets, 1_000_000);
    expectLinearTime((n) => `${'a'.repeat(n)}: x`, detectSecrets, 1_000_000);
  });
});

describe('a password given in a sentence in German, Dutch, French, Spanish, Portuguese, Italian, Polish, Swedish or Russian', () => {
  it.each([
    [`Ihr neues Passwort lautet: ${value}`, value],
    [`Das Kennwort ist ${value}.`, `${value}.`],
    [`Das Datenbankpasswort ist ${value}`, value],
    [`Het wachtwoord is ${value}`, value],
    [`Uw wachtwoord luidt: ${value}`, value],
    [`Votre mot de passe est : ${value}`, value],
    [`Su contraseña es:\n\n  ${value}`, value],
    [`A sua senha é ${value}`, value],
    [`La password è ${value}`, value],
    [`Twoje hasło to: ${value}`, value],
    [`Hasło brzmi: ${value}`, value],
    [`Nowe hasło jest ${value}`, value],
    [`Ditt lösenord är ${value}`, value],
    [`Lösenordet är:\n  ${value}`, value],
    [`Databaslösenordet var ${value}`, value],
    [`Ваш пароль — ${value}`, value],
    [`Новый пароль - ${value}`, value],
  ])('%j', expectOnlySecret);

  it.each([
    'Das Passwort ist falsch',
    'Ihr Passwort lautet: ********',
    `Die Antwort ist ${value}`,
    'Le mot de passe est incorrect',
    'La contraseña es obligatoria',
    'A senha é inválida',
    `A resenha é ${value}`,
    'La password è obbligatoria',
    'Hasło to ważna rzecz',
    'Hasło jest nieprawidłowe',
    `Pismo to ${value}`,
    'Lösenordet är fel',
    'Ditt lösenord är för kort',
    'Пароль — это набор символов',
    `Король — ${value}`,
  ])('leaves %j alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('is linear on repeated leads', () => {
    expectLinearTime((n) => 'Passwort ist '.repeat(n / 13), detectSecrets, 1_000_000);
    expectLinearTime((n) => 'senha é '.repeat(n / 8), detectSecrets, 1_000_000);
    expectLinearTime((n) => 'mot de passe est : '.repeat(n / 19), detectSecrets, 1_000_000);
    expectLinearTime((n) => 'hasło to '.repeat(n / 9), detectSecrets, 1_000_000);
    expectLinearTime((n) => 'lösenordet är '.repeat(n / 14), detectSecrets, 1_000_000);
    expectLinearTime((n) => 'пароль — '.repeat(n / 9), detectSecrets, 1_000_000);
  });
});
