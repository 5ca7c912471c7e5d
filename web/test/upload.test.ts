import { describe, expect, test } from 'bun:test';
import { UploadQueue, numbered, type SendResult, type Sender } from '../src/lib/upload';

interface Call {
  path: string;
  overwrite: boolean;
  progress: (loaded: number) => void;
  resolve: (result: SendResult) => void;
  aborted: boolean;
}

function harness(concurrency = 3) {
  const calls: Call[] = [];
  let clock = 0;
  const send: Sender = (path, overwrite, _file, progress) => {
    let resolve!: (result: SendResult) => void;
    const done = new Promise<SendResult>((r) => (resolve = r));
    const call: Call = { path, overwrite, progress, resolve, aborted: false };
    calls.push(call);
    return { done, abort: () => { call.aborted = true; resolve({ ok: false, status: 0, code: 'aborted', message: '' }); } };
  };
  const uploaded: string[] = [];
  const queue = new UploadQueue({ send, concurrency, onChange: () => undefined, onUploaded: (t) => uploaded.push(t.path), now: () => clock });
  const blob = (size: number) => new Blob([new Uint8Array(size)]);
  return { calls, queue, uploaded, blob, tick: (ms: number) => (clock += ms) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('UploadQueue', () => {
  test('sends at most three at a time and starts the next when one ends', async () => {
    const { calls, queue, blob, uploaded } = harness();
    queue.add([1, 2, 3, 4, 5].map((n) => ({ file: blob(10), path: `/f${n}`, label: `f${n}` })));
    expect(calls.map((c) => c.path)).toEqual(['/f1', '/f2', '/f3']);
    calls[1]!.resolve({ ok: true });
    await settle();
    expect(calls.map((c) => c.path)).toEqual(['/f1', '/f2', '/f3', '/f4']);
    expect(uploaded).toEqual(['/f2']);
    expect(queue.stats().finished).toBe(1);
  });

  test('progress gives the overall figures, speed and time left', () => {
    const { calls, queue, blob, tick } = harness();
    queue.add([{ file: blob(1000), path: '/a', label: 'a' }, { file: blob(1000), path: '/b', label: 'b' }]);
    tick(1000);
    calls[0]!.progress(500);
    tick(1000);
    calls[1]!.progress(500);
    const stats = queue.stats();
    expect(stats.total).toBe(2000);
    expect(stats.loaded).toBe(1000);
    expect(stats.speed).toBe(500);
    expect(stats.secondsLeft).toBe(2);
  });

  test('a conflict waits for a choice: replace overwrites, keep both finds a free number', async () => {
    const { calls, queue, blob, uploaded } = harness();
    queue.add([{ file: blob(1), path: '/d/a.txt', label: 'a.txt' }, { file: blob(1), path: '/d/b', label: 'b' }]);
    calls[0]!.resolve({ ok: false, status: 409, code: 'exists', message: 'exists' });
    calls[1]!.resolve({ ok: false, status: 409, code: 'exists', message: 'exists' });
    await settle();
    expect(queue.tasks.map((t) => t.state)).toEqual(['conflict', 'conflict']);

    queue.replace(queue.tasks[0]!.id);
    expect(calls[2]).toMatchObject({ path: '/d/a.txt', overwrite: true });
    queue.keepBoth(queue.tasks[1]!.id);
    expect(calls[3]).toMatchObject({ path: '/d/b (2)', overwrite: false });
    calls[3]!.resolve({ ok: false, status: 409, code: 'exists', message: 'exists' });
    await settle();
    expect(calls[4]!.path).toBe('/d/b (3)');
    calls[4]!.resolve({ ok: true });
    calls[2]!.resolve({ ok: true });
    await settle();
    expect(uploaded.sort()).toEqual(['/d/a.txt', '/d/b (3)']);
  });

  test('cancel aborts a running upload and skips a queued one', async () => {
    const { calls, queue, blob } = harness(1);
    queue.add([{ file: blob(5), path: '/a', label: 'a' }, { file: blob(5), path: '/b', label: 'b' }]);
    queue.cancel(queue.tasks[1]!.id);
    queue.cancel(queue.tasks[0]!.id);
    await settle();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.aborted).toBe(true);
    expect(queue.tasks.map((t) => t.state)).toEqual(['cancelled', 'cancelled']);
    expect(queue.stats()).toMatchObject({ running: false, total: 0 });
  });

  test('other failures keep their code and message', async () => {
    const { calls, queue, blob } = harness();
    queue.add([{ file: blob(5), path: '/a', label: 'a' }]);
    calls[0]!.resolve({ ok: false, status: 507, code: 'insufficient_storage', message: 'The disk is full.' });
    await settle();
    expect(queue.tasks[0]).toMatchObject({ state: 'failed', code: 'insufficient_storage', message: 'The disk is full.' });
  });

  test('numbered names keep the extension and the folder', () => {
    expect(numbered('/x/photo.jpg', 2)).toBe('/x/photo (2).jpg');
    expect(numbered('/x.y/README', 3)).toBe('/x.y/README (3)');
    expect(numbered('/.env', 2)).toBe('/.env (2)');
  });
});
