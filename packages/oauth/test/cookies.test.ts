import { describe, expect, it } from 'vitest';
import { clearChunkedCookie, parseCookies, readChunkedCookie, writeChunkedCookie } from '../src/cookies';

const attributes = { maxAgeSeconds: 60, secure: true };

function jarFrom(setCookies: string[], jar = new Map<string, string>()) {
  for (const line of setCookies) {
    const pair = line.split(';')[0]!;
    const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
    if (line.includes('Max-Age=0')) jar.delete(name);
    else jar.set(name, value);
  }
  return jar;
}

describe('chunked cookies', () => {
  it('splits a value too long for one cookie and reads it back whole', () => {
    const value = 'x'.repeat(9000);
    const set = writeChunkedCookie(new Map(), 's', value, attributes);
    expect(set.map((c) => c.split('=')[0])).toEqual(['s.0', 's.1', 's.2']);
    expect(readChunkedCookie(jarFrom(set), 's')).toBe(value);
  });

  it('clears chunks left over from a longer value', () => {
    const jar = jarFrom(writeChunkedCookie(new Map(), 's', 'x'.repeat(9000), attributes));
    const after = jarFrom(writeChunkedCookie(jar, 's', 'short', attributes), jar);
    expect([...after.keys()]).toEqual(['s']);
    expect(readChunkedCookie(after, 's')).toBe('short');
    expect(jarFrom(clearChunkedCookie(after, 's', attributes), after).size).toBe(0);
  });

  it('parses a Cookie header, first occurrence winning', () => {
    expect(parseCookies('a=1; b="2"; a=3; junk; =x')).toEqual(
      new Map([
        ['a', '1'],
        ['b', '2'],
      ]),
    );
  });
});
