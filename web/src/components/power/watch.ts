// What the page makes of the box after a restart or shut down was asked for,
// from what GET /api/system/power answers (or not) every few seconds. Kept
// apart from the screen so its rules are tested without a browser.
export type PowerAction = 'restart' | 'shutdown';

/** waiting: nothing decided yet; back: a new boot answers; off: it stopped answering; stuck: past the deadline. */
export type PowerOutcome = 'waiting' | 'back' | 'off' | 'stuck';

/** One poll: the boot id it answered with, or null when the box did not answer. */
export type Poll = string | null;

/** A restart under 5 minutes is normal on a Pi with a big SD card to check; a shut down takes seconds. */
export const RESTART_DEADLINE_MS = 5 * 60_000;
export const SHUTDOWN_DEADLINE_MS = 2 * 60_000;
/** Unanswered polls in a row that mean the box is off (one can be a blip of Wi-Fi). */
const SILENT_POLLS_FOR_OFF = 3;

export interface PowerWatch {
  action: PowerAction;
  /** The boot id before the request. */
  bootId: string;
  startedAt: number;
  /** Polls so far, oldest first. */
  polls: Poll[];
}

export function outcomeOf(watch: PowerWatch, now: number): PowerOutcome {
  const { action, bootId, polls } = watch;
  if (action === 'restart' && polls.some((poll) => poll !== null && poll !== bootId)) return 'back';
  if (action === 'shutdown') {
    const silent = polls.slice(-SILENT_POLLS_FOR_OFF);
    if (silent.length === SILENT_POLLS_FOR_OFF && silent.every((poll) => poll === null)) return 'off';
  }
  const deadline = action === 'restart' ? RESTART_DEADLINE_MS : SHUTDOWN_DEADLINE_MS;
  return now - watch.startedAt > deadline ? 'stuck' : 'waiting';
}
