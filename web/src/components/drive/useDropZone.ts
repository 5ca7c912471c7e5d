import { usePageDrop } from '../../lib/page-drop';
import { entriesOf } from '../../lib/upload-tree';

/**
 * Files and folders dragged from the computer onto any part of the page.
 * `onDrop` gets the entries taken during the drop event (they vanish after it).
 */
export function useDropZone(onDrop: (taken: ReturnType<typeof entriesOf>) => void, enabled = true): boolean {
  return usePageDrop((transfer) => onDrop(entriesOf(transfer)), enabled);
}
