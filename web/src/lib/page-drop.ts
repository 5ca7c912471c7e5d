import { useEffect, useRef, useState } from 'preact/hooks';

// Files dragged from the computer onto any part of the page (Drive, Banks).

const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

/**
 * Calls `onDrop` with the drop's DataTransfer, during the drop event (its
 * entries vanish after it); true while files are dragged over the page.
 * Enter/leave fire for every child crossed, hence the depth count.
 */
export function usePageDrop(onDrop: (transfer: DataTransfer) => void, enabled = true): boolean {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  const latest = useRef(onDrop);
  latest.current = onDrop;
  useEffect(() => {
    if (!enabled) return;
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setDragging(true);
    };
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event) || !event.dataTransfer) return;
      event.preventDefault();
      depth.current = 0;
      setDragging(false);
      latest.current(event.dataTransfer);
    };
    const events = { dragenter: enter, dragover: over, dragleave: leave, drop } as const;
    for (const [name, handler] of Object.entries(events)) document.addEventListener(name, handler as EventListener);
    return () => {
      for (const [name, handler] of Object.entries(events)) document.removeEventListener(name, handler as EventListener);
    };
  }, [enabled]);
  return dragging;
}
