/** Inputs built to make backtracking patterns blow up. Each about `size` characters. */
export function adversarialInputs(size = 1_000_000): Array<{ name: string; text: string }> {
  const rep = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  return [
    { name: 'digits run', text: rep('1234567890') },
    { name: 'a@a@a…', text: rep('a@') },
    {
      name: 'no spaces (letters)',
      text: rep('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'),
    },
    { name: 'digit groups 4 4 4…', text: rep('4111 ') },
    { name: 'dotted digits 1.1.1…', text: rep('1.') },
    { name: 'colons hex a:a:a…', text: rep('a:') },
    { name: 'password=password=…', text: rep('password=') },
    { name: 'password is password is …', text: rep('password is ') },
    { name: 'api key for a b c is …', text: rep('api key for a b c is ') },
    { name: '密码是密码是…', text: rep('密码是') },
    { name: '<tr><td>password<td>…', text: `<tr><td>password${rep('<td>')}` },
    { name: 'sk-sk-sk-…', text: rep('sk-') },
    { name: 'eyJ.eyJ.…', text: rep('eyJhbGci.') },
    { name: '-ghs_1_eyJ-ghs_…', text: rep('-ghs_1_eyJ') },
    { name: 'PEM headers', text: rep('-----BEGIN RSA PRIVATE KEY-----\n') },
    { name: 'base58-ish', text: rep('13579ABCDEFGHJKLMNPQRSTUVWXYZ') },
    { name: 'url userinfo ://a:a', text: rep('://a:') },
    { name: '+1 (+1 (…', text: rep('+1 (') },
    // Values past the patterns' bounds, measured by a linear run (one token, one quote).
    { name: 'Bearer + one long token', text: `Bearer ${rep('aB3')}`.slice(0, size) },
    { name: 'password=" unterminated', text: `password="${rep('password=')}`.slice(0, size) },
    { name: 'zero-width every other char', text: rep('a\u200b') },
    { name: 'ü@ü@…', text: rep('\u00fc@') },
    { name: '4111\u00a04111\u00a0…', text: rep('4111\u00a0') },
  ];
}
