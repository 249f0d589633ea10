import { describe, expect, it } from 'vitest';
import { createRedactor } from '../src/index.js';

// Four-part version numbers (.NET assembly and file versions, driver builds) are dotted
// quads an IPv4 pattern takes: after the word "version" they are versions.
describe('a version number is not an IP address', () => {
  const r = createRedactor();
  it('after the word version', () => {
    for (const text of [
      'Upgrade to version 1.2.3.4 of the driver',
      'Version: 1.0.0.0',
      '[assembly: AssemblyVersion("1.0.0.0")]',
      'file_version=10.0.19041.1',
      "version='4.2.1.0'",
    ]) {
      expect(r.scan(text), text).toEqual([]);
    }
  });
  it('addresses elsewhere are still found', () => {
    for (const text of [
      'server 10.0.0.1 is down',
      'ip=192.168.1.20',
      'version 2 runs on 10.1.2.3',
    ]) {
      expect(
        r.scan(text).map((f) => f.type),
        text,
      ).toEqual(['ip']);
    }
  });
});
