import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { expectOnlySecret, spans } from './helpers/spans.js';

// A credential named in Chinese, Japanese or Korean (`密码：…`) passed in clear: only ASCII
// names were read before a separator. Values are generated.
const rng = createPrng(20261207);
const value = `${rng.chars(BASE62, 12)}3k`;

describe('a credential named in Chinese, Japanese or Korean', () => {
  it.each([
    `密码：${value}`,
    `新密码: ${value}`,
    `數據庫密碼 = ${value}`,
    `API密钥：${value}`,
    `{"访问令牌": "${value}"}`,
    `台灣 API 金鑰：${value}`,
    `パスワード：${value}`,
    `秘密鍵: ${value}`,
    `비밀번호: ${value}`,
    `API 키=${value}`,
    `새 토큰： ${value}\n`,
  ])('%j', (text) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text.includes(value)).toBe(false);
  });

  it.each([
    [`password：${value}，请在登录后修改。`, value],
    [`密码：${value}。然后`, value],
    [`パスワード：「${value}」`, value],
    [`密码："${value}"，谢谢`, value],
    [`token: ${value}、备用：无`, value],
  ])('stops a bare value at the CJK punctuation after it: %j', (text, secret) => {
    expect(spans(text)).toEqual([secret]);
  });

  it.each([
    '密码长度：12',
    'トークン：1500',
    '入力トークン：1,500',
    '密码：请联系管理员',
    '密码：至少8位',
    `密码：\${DB_PASSWORD}`,
    `说明：${value}`,
    `秘密：${value}`,
  ])('leaves %j alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('replaces the value under such a key in an object, as under `password`', () => {
    const redacted = createRedactor().redactValue({ 新密码: value, 密码长度: 14, 用户: 'bob' });
    expect(JSON.stringify(redacted.value)).not.toContain(value);
    expect(redacted.value).toMatchObject({ 密码长度: 14, 用户: 'bob' });
  });

  it("takes a Markdown table's column headed by such a name", () => {
    expect(spans(`| 用户 | 密码 |\n|---|---|\n| bob | ${value} |`)).toEqual([value]);
  });

  it('is linear on repeated names and separators', () => {
    expectLinearTime((n) => '密码：'.repeat(n / 3), detectSecrets, 1_000_000);
    expectLinearTime((n) => `${'码'.repeat(n)}：x`, detectSecrets, 1_000_000);
    expectLinearTime((n) => '비밀 키='.repeat(n / 5), detectSecrets, 1_000_000);
    expectLinearTime((n) => 'password：Xy7k2q9z，'.repeat(n / 19), detectSecrets, 1_000_000);
    expectLinearTime((n) => `password：${'a，'.repeat(n / 2)}`, detectSecrets, 1_000_000);
  });
});

describe('a password given in a sentence in Chinese, Japanese or Korean', () => {
  const digits = rng.digits(7);
  it.each([
    [`我的密码是${value}，请妥善保管。`, value],
    [`新密碼為 ${value}`, value],
    [`密码已改为：${value}`, value],
    [`口令是「${value}」`, value],
    [`wifi 的密码是 ${value}.`, `${value}.`],
    [`パスワードは${value}です`, value],
    [`初期パスワードが「${value}」に設定されました`, value],
    [`비밀번호는 ${value}입니다`, value],
    [`임시 패스워드가 ${value} 입니다`, value],
    [`密码是${digits}`, digits],
  ])('%j', expectOnlySecret);

  it.each([
    '密码是必填项',
    '密码是否正确？',
    '密码是 sunshine',
    '密码为 8 位以上',
    'パスワードが違います',
    'パスワードは12文字以上です',
    '비밀번호가 변경되었습니다',
    '密码是 000000',
    `说明是${value}`,
  ])('leaves %j alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('is linear on repeated leads and long ASCII runs', () => {
    expectLinearTime((n) => '密码是'.repeat(n / 3), detectSecrets, 1_000_000);
    expectLinearTime((n) => `密码是${'a1'.repeat(n / 2)}`, detectSecrets, 1_000_000);
    expectLinearTime((n) => `密码是a1${'密码是a1!'.repeat(n / 6)}`, detectSecrets, 1_000_000);
  });
});

describe('a secret key or token given in a sentence in Chinese, Japanese or Korean', () => {
  it.each([
    [`我的API密钥是${value}，请妥善保管。`, value],
    [`访问令牌为「${value}」`, value],
    [`新的金鑰已改為 ${value}`, value],
    [`トークンは${value}です`, value],
    [`APIキーが「${value}」に変更されました`, value],
    [`토큰은 ${value}입니다`, value],
    [`API 키는 ${value}입니다`, value],
  ])('%j', expectOnlySecret);

  it.each([
    '令牌是必填项',
    '密钥是否正确？',
    'トークンは JWT です',
    'トークンの有効期限は3600秒です',
    '토큰이 만료되었습니다',
  ])('leaves %j alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('is linear on repeated leads', () => {
    expectLinearTime((n) => '令牌是'.repeat(n / 3), detectSecrets, 1_000_000);
    expectLinearTime((n) => `トークンは${'a1'.repeat(n / 2)}`, detectSecrets, 1_000_000);
  });
});
