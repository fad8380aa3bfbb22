import { describe, expect, it } from 'vitest';
import { jsonProgress, terminalProgress } from './progress.js';

describe('progress', () => {
  it('draws a bar per step in place on a terminal and ends the line when the step is done', () => {
    let out = '';
    const step = terminalProgress((text) => (out += text)).step('tiles', 4);
    step.update(2);
    step.done();
    expect(out.startsWith('\rtiles     [')).toBe(true);
    expect(out.endsWith('] 100% 4/4\n')).toBe(true);
    expect(out.split('\n')).toHaveLength(2);
  });

  it('counts instead of drawing a bar when the total is unknown', () => {
    let out = '';
    const step = terminalProgress((text) => (out += text)).step('read', 0);
    step.update(1500);
    step.done();
    expect(out.endsWith('\rread      1500\n')).toBe(true);
  });

  it('emits one JSON object per line, at most one per percent, and always the final one', () => {
    const lines: string[] = [];
    const step = jsonProgress((line) => lines.push(line)).step('write', 1000);
    for (let done = 1; done <= 1000; done++) step.update(done);
    step.done();
    expect(lines.length).toBeLessThanOrEqual(101);
    expect(lines.every((line) => line.endsWith('\n'))).toBe(true);
    expect(JSON.parse(lines.at(-1)!)).toEqual({ step: 'write', done: 1000, total: 1000, progress: 100 });
  });
});
