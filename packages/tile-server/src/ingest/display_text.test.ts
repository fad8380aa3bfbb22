import { describe, expect, it } from 'vitest';
import { displayText, quoted } from './display_text.js';

describe('text fit for a terminal', () => {
  it('shows control characters, C1 CSI included, as escapes', () => {
    expect(displayText('a\u001b[2Jb\u009b31mc\rd')).toBe('a\\u001b[2Jb\\u009b31mc\\u000dd');
    expect(quoted('이름"\u0007')).toBe('"이름\\"\\u0007"');
  });

  it('keeps line feeds and tabs in whole messages when asked', () => {
    expect(displayText('one\n\ttwo\u001b', true)).toBe('one\n\ttwo\\u001b');
  });
});
