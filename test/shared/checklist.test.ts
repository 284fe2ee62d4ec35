import { describe, expect, it } from 'vitest';
import { checklistProgress, parseChecklist, readTicks, setStepChecked, toggleStep } from '../../shared/checklist';

const NOTE = [
  '---',
  'vigil: "restore-test"',
  'note: "- [ ] not a step in frontmatter ^step-9"',
  '---',
  '# Monthly document restore',
  '',
  '## Steps',
  '- [ ] Pick a random document from the NAS share ^step-1',
  '- [x] Restore it from the cloud copy ^step-2',
  '  - [ ] nested sub-steps are allowed ^step-2a',
  '\t* [X] tab-indented, star marker ^step-2b',
  '+ [-] cancelled counts as done (any mark but a space) ^step-3',
  '1. [ ] numbered ^step-4',
  '2) [ ] numbered with a parenthesis ^step-5',
  '- [ ] a task without a block id',
  '- [ ] block id not at the end ^step-6 (see above)',
  '- [ ] trailing spaces after the id ^step-7   ',
  '```markdown',
  '- [ ] an example inside a code block ^step-8',
  '```',
  '- plain list item ^step-10',
  '',
].join('\n');

describe('parseChecklist', () => {
  it('finds task lines ending with a block id, with their mark, text, indentation and marker', () => {
    const steps = parseChecklist(NOTE, 'step-');
    expect(steps.map((s) => [s.id, s.checked, s.marker, s.indent, s.text])).toEqual([
      ['step-1', false, '-', '', 'Pick a random document from the NAS share'],
      ['step-2', true, '-', '', 'Restore it from the cloud copy'],
      ['step-2a', false, '-', '  ', 'nested sub-steps are allowed'],
      ['step-2b', true, '*', '\t', 'tab-indented, star marker'],
      ['step-3', true, '+', '', 'cancelled counts as done (any mark but a space)'],
      ['step-4', false, '1.', '', 'numbered'],
      ['step-5', false, '2)', '', 'numbered with a parenthesis'],
      ['step-7', false, '-', '', 'trailing spaces after the id'],
    ]);
    expect(steps[0]!.line).toBe(7);
    expect(NOTE[steps[1]!.markOffset]).toBe('x');
  });

  it('filters by id prefix and counts progress', () => {
    const text = '- [x] a ^step-1\n- [ ] b ^other\n- [ ] c ^step-2\n';
    expect(parseChecklist(text).map((s) => s.id)).toEqual(['step-1', 'other', 'step-2']);
    expect(checklistProgress(parseChecklist(text, 'step-'))).toEqual({ done: 1, total: 2 });
  });

  it('reads ticks back for the collector, leaving out ambiguous duplicated ids', () => {
    const ticks = readTicks('- [x] a ^step-1\n- [ ] b ^step-2\n- [x] c ^step-2\n- [ ] d ^step-3\n');
    expect([...ticks]).toEqual([
      ['step-1', true],
      ['step-3', false],
    ]);
  });

  it('keeps an emoji mark whole', () => {
    const [step] = parseChecklist('- [✅] done in style ^step-1');
    expect(step).toMatchObject({ mark: '✅', checked: true });
    const edit = setStepChecked('- [✅] done in style ^step-1', 'step-1', true, false);
    expect(edit).toMatchObject({ ok: true, text: '- [ ] done in style ^step-1' });
  });
});

describe('setStepChecked / toggleStep', () => {
  it('changes exactly one character, on the line with that block id only', () => {
    const edit = toggleStep(NOTE, 'step-2a', false);
    expect(edit.ok).toBe(true);
    if (!edit.ok) return;
    const changed = [...edit.text].flatMap((c, i) => (c !== NOTE[i] ? [i] : []));
    expect(changed).toHaveLength(1);
    expect(edit.text.length).toBe(NOTE.length);
    expect(edit.text).toContain('  - [x] nested sub-steps are allowed ^step-2a\n');
    expect(edit.step).toMatchObject({ id: 'step-2a', checked: true, mark: 'x' });
  });

  it('preserves CRLF line endings, tabs and markers', () => {
    const crlf = '---\r\nvigil: "restore-test"\r\n---\r\n* [x] one ^step-1\r\n\t+ [ ] two ^step-2\r\n3. [ ] three ^step-3\r\n';
    const edit = toggleStep(crlf, 'step-2', false);
    expect(edit).toMatchObject({ ok: true, text: crlf.replace('\t+ [ ] two', '\t+ [x] two') });
    const back = toggleStep(crlf, 'step-1', true);
    expect(back).toMatchObject({ ok: true, text: crlf.replace('* [x] one', '* [ ] one') });
    expect(toggleStep(crlf, 'step-3', false)).toMatchObject({ ok: true, text: crlf.replace('3. [ ] three', '3. [x] three') });
  });

  it('refuses when the step is not in the state the view showed, is missing, or its id is duplicated', () => {
    expect(toggleStep(NOTE, 'step-2', false)).toMatchObject({ ok: false, reason: 'state-changed', step: { checked: true } });
    expect(toggleStep(NOTE, 'step-99', false)).toEqual({ ok: false, reason: 'not-found' });
    expect(toggleStep(NOTE, 'step-8', false)).toEqual({ ok: false, reason: 'not-found' });
    expect(toggleStep('- [ ] a ^step-1\n- [ ] b ^step-1\n', 'step-1', false)).toEqual({ ok: false, reason: 'duplicate-id' });
  });

  it('is a no-op (same text) when the step already has the wanted state and the expectation holds', () => {
    expect(setStepChecked(NOTE, 'step-2', true, true)).toMatchObject({ ok: true, text: NOTE });
  });

  it('does not mistake a block id in the middle of a line or in frontmatter for a step', () => {
    expect(toggleStep(NOTE, 'step-6', false)).toEqual({ ok: false, reason: 'not-found' });
    expect(toggleStep(NOTE, 'step-9', false)).toEqual({ ok: false, reason: 'not-found' });
    expect(toggleStep(NOTE, 'step-10', false)).toEqual({ ok: false, reason: 'not-found' });
  });
});
