import { describe, expect, it } from 'vitest';
import { blockContent, findManagedBlocks, ManagedBlockError, mergeManagedBlocks, renderBlock } from '../../shared/managed-blocks';

const note = (status: string) =>
  `# My incident\n\nMy own notes stay.\n\n${renderBlock('timeline', status)}\n\nMore of mine.\n`;

describe('managed blocks', () => {
  it('replaces only the block content and leaves every other byte alone', () => {
    const user = note('old line').replace('My own notes stay.', 'My own notes stay. Edited by me at 2am!');
    const merged = mergeManagedBlocks(user, note('new line\nsecond'));
    expect(merged).toBe(user.replace('old line', 'new line\nsecond'));
    expect(blockContent(merged, 'timeline')).toBe('new line\nsecond\n');
  });

  it('appends blocks the note lacks and keeps blocks the generator does not mention', () => {
    const existing = `mine\n\n${renderBlock('keep', 'k')}\n`;
    const merged = mergeManagedBlocks(existing, renderBlock('status', 's'));
    expect(merged).toBe(`mine\n\n${renderBlock('keep', 'k')}\n\n${renderBlock('status', 's')}\n`);
  });

  it('keeps CRLF line endings of the note', () => {
    const existing = `a\r\n${renderBlock('s', 'old').replace(/\n/g, '\r\n')}\r\nb\r\n`;
    const merged = mergeManagedBlocks(existing, renderBlock('s', 'new'));
    expect(merged).toBe(`a\r\n%% vigil:begin s %%\r\nnew\r\n%% vigil:end s %%\r\nb\r\n`);
  });

  it('refuses to merge into damaged notes, naming the line', () => {
    const cases = [
      '%% vigil:begin a %%\nno end',
      'text\n%% vigil:end a %%',
      '%% vigil:begin a %%\n%% vigil:begin b %%\n%% vigil:end b %%\n%% vigil:end a %%',
      `${renderBlock('a', '1')}\n${renderBlock('a', '2')}`,
    ];
    for (const c of cases) {
      expect(findManagedBlocks(c).problems.length, c).toBeGreaterThan(0);
      expect(() => mergeManagedBlocks(c, renderBlock('a', 'x')), c).toThrow(ManagedBlockError);
    }
    expect(() => mergeManagedBlocks('x\n%% vigil:begin a %%\n', '')).toThrow(/line 2/);
  });

  it('ignores marker look-alikes that are not whole lines', () => {
    const text = 'inline %% vigil:begin a %% text\n';
    expect(findManagedBlocks(text)).toEqual({ blocks: [], problems: [] });
  });
});
