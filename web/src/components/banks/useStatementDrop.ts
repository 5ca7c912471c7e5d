import { usePageDrop } from '../../lib/page-drop';

/** Statements dragged onto any part of the Banks page: `onFiles` gets them; true while dragging. */
export function useStatementDrop(onFiles: (files: File[]) => void): boolean {
  return usePageDrop((transfer) => {
    const files = Array.from(transfer.files);
    if (files.length) onFiles(files);
  });
}
