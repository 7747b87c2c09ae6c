import { describe, expect, it } from 'vitest';
import { safeReturnTo } from '../src/index';

describe('safeReturnTo', () => {
  it.each(['/', '/dashboard', '/a/b?x=1&y=2#frag', '/caf%C3%A9', '/a%2Fb'])(
    'keeps the same-origin path %j',
    (path) => {
      expect(safeReturnTo(path)).toBe(path);
    },
  );

  it.each([
    'https://evil.example',
    'http:evil.example',
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '\\/evil.example',
    '/%2F/evil.example',
    '%2F%2Fevil.example',
    '/%5Cevil.example',
    '/%255C%255Cevil.example',
    '/%2525252F%252F',
    'javascript:alert(1)',
    'data:text/html,hi',
    'evil.example',
    '/\u0000/evil',
    '/\n/evil',
    '/%0A/evil',
    '/%E0%A4%A',
    '',
    // Dot segments that collapse into a scheme-relative URL once parsed.
    '/..//evil.example',
    '/.//evil.example',
    '/a/../..//evil.example',
    '/%2e%2e//evil.example',
  ])('falls back for %j', (path) => {
    expect(safeReturnTo(path, '/home')).toBe('/home');
  });

  it('falls back for non-strings and overlong values', () => {
    expect(safeReturnTo(undefined)).toBe('/');
    expect(safeReturnTo(null)).toBe('/');
    expect(safeReturnTo(`/${'a'.repeat(3000)}`)).toBe('/');
  });
});
