import { describe, expect, test } from 'bun:test';
import { outcomeOf, RESTART_DEADLINE_MS, SHUTDOWN_DEADLINE_MS, type Poll, type PowerAction } from '../src/components/power/watch';

const watch = (action: PowerAction, polls: Poll[]) => ({ action, bootId: 'boot-1', startedAt: 0, polls });

describe('what the page makes of a restart', () => {
  test('still the same boot, or no answer while it reboots: waiting', () => {
    expect(outcomeOf(watch('restart', ['boot-1', null, null, null, null]), 60_000)).toBe('waiting');
  });
  test('a new boot id answering: the box is back', () => {
    expect(outcomeOf(watch('restart', ['boot-1', null, 'boot-2']), 70_000)).toBe('back');
  });
  test('no new boot past the deadline: stuck, so the page says what to do', () => {
    expect(outcomeOf(watch('restart', ['boot-1', 'boot-1']), RESTART_DEADLINE_MS + 1)).toBe('stuck');
  });
});

describe('what the page makes of a shut down', () => {
  test('three unanswered polls in a row: off (one or two may be a Wi-Fi blip)', () => {
    expect(outcomeOf(watch('shutdown', ['boot-1', null, null]), 5_000)).toBe('waiting');
    expect(outcomeOf(watch('shutdown', ['boot-1', null, null, null]), 8_000)).toBe('off');
  });
  test('still answering past the deadline: stuck', () => {
    expect(outcomeOf(watch('shutdown', ['boot-1', 'boot-1', null, 'boot-1']), SHUTDOWN_DEADLINE_MS + 1)).toBe('stuck');
  });
});
