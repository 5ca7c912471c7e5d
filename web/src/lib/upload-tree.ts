// What a person picked or dropped, flattened: files with their path relative
// to the destination folder, and every folder (so empty ones are made too).

export interface PickedFile {
  file: File;
  /** "a.txt" or "Holidays/2024/a.txt". */
  relativePath: string;
}
export interface Picked {
  files: PickedFile[];
  /** Relative folder paths, parents before children ("Holidays", "Holidays/2024"). */
  folders: string[];
}

/** Every folder that holds one of these relative paths ("a/b/c.txt" → "a", "a/b"). */
function foldersOf(paths: string[]): string[] {
  const found = new Set<string>();
  for (const path of paths) {
    const parts = path.split('/');
    for (let depth = 1; depth < parts.length; depth += 1) found.add(parts.slice(0, depth).join('/'));
  }
  return [...found];
}

/** Parents first, so that creating them in order never needs a missing parent. */
function byDepth(folders: Iterable<string>): string[] {
  return [...new Set(folders)].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
}

/** From an <input type="file"> (with or without webkitdirectory). */
export function fromFileList(list: FileList | File[]): Picked {
  const files = Array.from(list, (file) => ({ file, relativePath: file.webkitRelativePath || file.name }));
  return { files, folders: byDepth(foldersOf(files.map((f) => f.relativePath))) };
}

function readBatch(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

/** readEntries answers in batches (100 at a time in Chromium) until an empty one. */
async function readAll(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await readBatch(reader);
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, prefix: string, into: Picked, folders: Set<string>): Promise<void> {
  const relativePath = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    into.files.push({ file: await fileOf(entry as FileSystemFileEntry), relativePath });
    return;
  }
  if (!entry.isDirectory) return;
  folders.add(relativePath);
  for (const child of await readAll(entry as FileSystemDirectoryEntry)) await walk(child, relativePath, into, folders);
}

/**
 * From a drop. The entries must be taken during the drop event itself (the
 * DataTransfer is emptied once the handler returns); walking them can wait.
 */
export function entriesOf(data: DataTransfer): Array<FileSystemEntry | File> {
  const taken: Array<FileSystemEntry | File> = [];
  for (const item of Array.from(data.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    const file = entry ? null : item.getAsFile();
    if (entry) taken.push(entry);
    else if (file) taken.push(file);
  }
  if (taken.length === 0) taken.push(...Array.from(data.files));
  return taken;
}

export async function fromEntries(taken: Array<FileSystemEntry | File>): Promise<Picked> {
  const picked: Picked = { files: [], folders: [] };
  const folders = new Set<string>();
  for (const item of taken) {
    if (item instanceof File) picked.files.push({ file: item, relativePath: item.name });
    else await walk(item, '', picked, folders);
  }
  picked.folders = byDepth(folders);
  return picked;
}

export function totalBytes(picked: Picked): number {
  return picked.files.reduce((sum, f) => sum + f.file.size, 0);
}
