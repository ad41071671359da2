import { describe, expect, it } from 'vitest';
import { unescapeAsterisks } from '../src/markdown/literal-marks.js';

describe('unescapeAsterisks', () => {
  it('drops escapes where no emphasis can form', () => {
    expect(unescapeAsterisks('肉色的L\\*值较高\n')).toBe('肉色的L*值较高\n');
    expect(unescapeAsterisks('45\\*min, a2\n')).toBe('45*min, a2\n');
    expect(unescapeAsterisks('文件\\*.std 是文本\n')).toBe('文件*.std 是文本\n');
    expect(unescapeAsterisks('p<sup>\\*</sup>\n')).toBe('p<sup>*</sup>\n');
  });

  it('where emphasis could form, writes the character reference instead of a backslash', () => {
    expect(unescapeAsterisks('L<sup>\\*</sup>和b<sup>\\*</sup>\n')).toBe('L<sup>&#42;</sup>和b<sup>&#42;</sup>\n');
    expect(unescapeAsterisks('a\\*b\\*c\n')).toBe('a&#42;b&#42;c\n');
    // `L*值和a*值` would be emphasis (`*值和a*`), as intraword `*` may open and close.
    expect(unescapeAsterisks('肉色的L\\*值和a\\*值\n')).toBe('肉色的L&#42;值和a&#42;值\n');
  });

  it('a bullet or a thematic break of literal asterisks is written with references; front matter and fenced code are left alone', () => {
    expect(unescapeAsterisks('\\* 通信作者\n')).toBe('&#42; 通信作者\n');
    expect(unescapeAsterisks('\\*\\*\\*\n')).toBe('&#42;&#42;&#42;\n');
    const md = '---\ntitle: a\\*b\n---\n\n```\nx\\*y\n```\n\n星号\\*\n';
    expect(unescapeAsterisks(md)).toBe('---\ntitle: a\\*b\n---\n\n```\nx\\*y\n```\n\n星号*\n');
  });

  it('decides block by block', () => {
    expect(unescapeAsterisks('a\\*b\\*c\n\nL\\*值\n')).toBe('a&#42;b&#42;c\n\nL*值\n');
  });
});
