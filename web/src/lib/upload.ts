// The upload queue: at most `concurrency` files at a time, each with its own
// progress, cancel, and a per-file outcome; the overall speed and time left
// come from a sliding window of the bytes sent. No DOM here apart from the
// XMLHttpRequest sender (fetch cannot report upload progress).

export type UploadState = 'queued' | 'uploading' | 'done' | 'failed' | 'conflict' | 'cancelled';

export interface UploadTask {
  id: number;
  /** What the panel shows: the path relative to the folder it was dropped in. */
  label: string;
  /** Where it goes on the box. */
  path: string;
  file: Blob;
  size: number;
  loaded: number;
  state: UploadState;
  overwrite: boolean;
  /** 0: ask on conflict; n ≥ 2: try "name (n).ext", then n+1… */
  keepBoth: number;
  code: string | null;
  message: string | null;
}

export type SendResult = { ok: true } | { ok: false; status: number; code: string; message: string };
export interface Sending {
  done: Promise<SendResult>;
  abort: () => void;
}
export type Sender = (path: string, overwrite: boolean, file: Blob, onProgress: (loaded: number) => void) => Sending;

export interface QueueOptions {
  send: Sender;
  concurrency?: number;
  onChange: () => void;
  /** Called once per file that reached the box. */
  onUploaded?: (task: UploadTask) => void;
  now?: () => number;
}

export interface UploadStats {
  total: number;
  loaded: number;
  count: number;
  finished: number;
  failed: number;
  running: boolean;
  /** Bytes per second over the last few seconds, or null before there is enough to tell. */
  speed: number | null;
  secondsLeft: number | null;
}

const WINDOW_MS = 5000;
const KEEP_BOTH_LIMIT = 100;

/** "dir/photo.jpg", 2 → "dir/photo (2).jpg". */
export function numbered(path: string, n: number): string {
  const cut = path.lastIndexOf('/');
  const name = path.slice(cut + 1);
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  return `${path.slice(0, cut + 1)}${stem} (${n})${ext}`;
}

export class UploadQueue {
  tasks: UploadTask[] = [];
  private readonly sending = new Map<number, Sending>();
  private readonly samples: Array<[number, number]> = [];
  private sent = 0;
  private nextId = 1;
  private readonly concurrency: number;
  private readonly now: () => number;

  constructor(private readonly options: QueueOptions) {
    this.concurrency = options.concurrency ?? 3;
    this.now = options.now ?? (() => Date.now());
  }

  add(items: Array<{ file: Blob; path: string; label: string }>): void {
    for (const { file, path, label } of items) {
      this.tasks.push({
        id: this.nextId++, label, path, file, size: file.size, loaded: 0,
        state: 'queued', overwrite: false, keepBoth: 0, code: null, message: null,
      });
    }
    this.pump();
  }

  cancel(id: number): void {
    const task = this.find(id);
    if (!task || task.state === 'done' || task.state === 'cancelled') return;
    this.sending.get(id)?.abort();
    this.settle(task, 'cancelled');
  }

  cancelAll(): void {
    for (const task of this.tasks) this.cancel(task.id);
  }

  /** After a conflict: overwrite what is there. */
  replace(id: number): void {
    this.requeue(id, (task) => (task.overwrite = true));
  }

  /** After a conflict: upload beside it as "name (2).ext" (or the next free number). */
  keepBoth(id: number): void {
    this.requeue(id, (task) => (task.keepBoth = 2));
  }

  retry(id: number): void {
    this.requeue(id, () => undefined);
  }

  /** Forget the files that are done or cancelled (and, once idle, the failed ones too). */
  clearFinished(): void {
    const idle = !this.stats().running;
    this.tasks = this.tasks.filter((t) => !(t.state === 'done' || t.state === 'cancelled' || (idle && t.state !== 'queued')));
    if (this.tasks.length === 0) this.samples.length = 0;
    this.options.onChange();
  }

  stats(): UploadStats {
    const counted = this.tasks.filter((t) => t.state !== 'cancelled');
    const total = counted.reduce((sum, t) => sum + t.size, 0);
    const loaded = counted.reduce((sum, t) => sum + (t.state === 'done' ? t.size : t.loaded), 0);
    const running = this.tasks.some((t) => t.state === 'queued' || t.state === 'uploading');
    const speed = running ? this.speed() : null;
    return {
      total, loaded, count: counted.length,
      finished: counted.filter((t) => t.state === 'done').length,
      failed: counted.filter((t) => t.state === 'failed' || t.state === 'conflict').length,
      running, speed,
      secondsLeft: speed && speed > 0 ? Math.max(0, total - loaded) / speed : null,
    };
  }

  private speed(): number | null {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last[0] - first[0] < 500) return null;
    return ((last[1] - first[1]) * 1000) / (last[0] - first[0]);
  }

  private sample(): void {
    const t = this.now();
    this.samples.push([t, this.sent]);
    while (this.samples.length > 2 && t - this.samples[0]![0] > WINDOW_MS) this.samples.shift();
  }

  private find(id: number): UploadTask | undefined {
    return this.tasks.find((t) => t.id === id);
  }

  private requeue(id: number, change: (task: UploadTask) => void): void {
    const task = this.find(id);
    if (!task || (task.state !== 'conflict' && task.state !== 'failed')) return;
    change(task);
    Object.assign(task, { state: 'queued', loaded: 0, code: null, message: null });
    this.pump();
  }

  private settle(task: UploadTask, state: UploadState, code: string | null = null, message: string | null = null): void {
    Object.assign(task, { state, code, message });
    this.sending.delete(task.id);
    this.pump();
  }

  private pump(): void {
    while (this.sending.size < this.concurrency) {
      const next = this.tasks.find((t) => t.state === 'queued');
      if (!next) break;
      this.start(next);
    }
    this.options.onChange();
  }

  private start(task: UploadTask): void {
    task.state = 'uploading';
    task.loaded = 0;
    if (this.samples.length === 0) this.sample();
    const target = task.keepBoth >= 2 ? numbered(task.path, task.keepBoth) : task.path;
    const sending = this.options.send(target, task.overwrite, task.file, (loaded) => {
      this.sent += Math.max(0, loaded - task.loaded);
      task.loaded = Math.min(loaded, task.size);
      this.sample();
      this.options.onChange();
    });
    this.sending.set(task.id, sending);
    void sending.done.then((result) => this.finish(task, target, result));
  }

  private finish(task: UploadTask, target: string, result: SendResult): void {
    if (task.state !== 'uploading' || this.sending.get(task.id) === undefined) return;
    if (result.ok) {
      task.path = target;
      task.loaded = task.size;
      this.settle(task, 'done');
      this.options.onUploaded?.(task);
      return;
    }
    if (result.code === 'exists' && task.keepBoth >= 2 && task.keepBoth < KEEP_BOTH_LIMIT) {
      task.keepBoth += 1;
      this.sending.delete(task.id);
      task.state = 'queued';
      this.pump();
      return;
    }
    this.settle(task, result.code === 'exists' ? 'conflict' : 'failed', result.code, result.message);
  }
}

function errorOf(xhr: XMLHttpRequest): SendResult {
  let code = `http_${xhr.status}`;
  let message = xhr.statusText;
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
  } catch {
    // Not JSON (a proxy's page): keep the status.
  }
  return { ok: false, status: xhr.status, code, message };
}

/** PUT /api/files/content with the raw bytes; the browser streams the File from disk. */
export function xhrSender(urlOf: (path: string, overwrite: boolean) => string, onUnauthorized?: () => void): Sender {
  return (path, overwrite, file, onProgress) => {
    const xhr = new XMLHttpRequest();
    const done = new Promise<SendResult>((resolve) => {
      xhr.upload.onprogress = (event) => onProgress(event.loaded);
      xhr.onload = () => {
        if (xhr.status === 401) onUnauthorized?.();
        resolve(xhr.status >= 200 && xhr.status < 300 ? { ok: true } : errorOf(xhr));
      };
      xhr.onerror = () => resolve({ ok: false, status: 0, code: 'network_error', message: '' });
      xhr.onabort = () => resolve({ ok: false, status: 0, code: 'aborted', message: '' });
    });
    xhr.open('PUT', urlOf(path, overwrite));
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.send(file);
    return { done, abort: () => xhr.abort() };
  };
}
