// The file events every other capability listens to (thumbnails, search,
// bills…). Published once, by the file service, whatever door the change
// came through: the UI, REST, WebDAV, or the disk itself (watcher and scan).

export type FileEvent =
  | { type: "created" | "changed" | "deleted"; userId: number; path: string; kind: "file" | "folder"; fileId: number }
  | { type: "moved"; userId: number; path: string; fromPath: string; kind: "file" | "folder"; fileId: number };

export type FileEventListener = (event: FileEvent) => void;

export class FileEvents {
  private readonly listeners = new Set<FileEventListener>();

  subscribe(listener: FileEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: FileEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A failing listener must not break the write that caused the event.
      }
    }
  }
}
