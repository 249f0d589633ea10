import { describe, expect, it } from 'vitest';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

/** Joins pieces at run time: no credential-shaped literal in the repo (scripts/scan-repo-secrets.ts). */
const join = (...parts: string[]) => parts.join('');
const pw = join('hunter', '2!x');
const key = join('a8f3kd93', 'jf83kd9sl2');

// The `key`/`name` and `value` attributes were read in lower case only. XML is
// case-sensitive, but hand-written .NET configs, installers' templates and INI files
// turned into XML write `Key=`/`Value=` or `KEY=`/`VALUE=`, and the password went in clear.
describe('setting attributes in any letter case', () => {
  it.each([
    ['Key/Value', `<add Key="DbPassword" Value="${pw}" />`, pw],
    ['KEY/VALUE', `<add KEY="DbPassword" VALUE="${pw}" />`, pw],
    ['key/Value', `<add key="Password" Value="${pw}"/>`, pw],
    ['Name/Value', `<Property Name="password" Value='${pw}'/>`, pw],
    ['NAME, element text', `<Property NAME="hibernate.connection.password">${pw}</Property>`, pw],
    ['value first', `<add VALUE="${key}" KEY="ApiKey"/>`, key],
    ['in a JSON string', `{"body":"<add Key=\\"DbPassword\\" Value=\\"${pw}\\" />"}`, pw],
    // The element named like a credential reads its `value` attribute the same way.
    ['log4net, Value', `<password Value="${pw}" />`, pw],
  ])('%s', (_, text, value) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it('other settings, placeholders and empty values stay as they are, in any case', () => {
    for (const text of [
      '<add Key="ApiKeyHeader" Value="X-Api-Key"/>',
      '<add KEY="TokenLifetime" VALUE="3600"/>',
      `<add Key="Theme" Value="${key}"/>`,
      join('<Property Name="password" Value="$', '{jdbc.password}"/>'),
      '<Param NAME="token" VALUE="{{token}}"/>',
      '<input type="password" Name="password" Value="">',
      `<meta Name="description" Content="${key}">`,
      // Words that hold `key` or `name` are no attribute.
      `<add monkey="password" value="${key}"/>`,
      `<add surname="password" value="${key}"/>`,
    ]) {
      expect(detectSecrets(text), text).toEqual([]);
    }
  });

  it('stays linear on runs of attributes in mixed case', () => {
    const size = 1_000_000;
    const rep = (unit: string) => (n: number) =>
      unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
    for (const make of [
      rep(' NAME="password"'),
      rep('<a Name="Password" '),
      rep('<add KEY="ApiKey" VALUE="x">'),
      rep('kKkK'),
      rep('NaMe'),
      (n: number) => `<a${rep(' Key="api_key"')(n)} Value="x">`,
    ]) {
      expectLinearTime(make, detectSecrets, size);
    }
  });
});
