import type { JSX } from 'preact';
import type { Entry } from './files-api';
import type { Selection } from './useSelection';

interface Keys {
  entries: Entry[];
  selection: Selection;
  grid: boolean;
  focusAt: (index: number) => void;
  onDelete: (entries: Entry[]) => void;
}

/** How many tiles sit on the first row of a grid (for ArrowUp/ArrowDown). */
function columnsOf(container: HTMLElement): number {
  const items = Array.from(container.children) as HTMLElement[];
  const top = items[0]?.offsetTop;
  const first = items.findIndex((el) => el.offsetTop !== top);
  return first === -1 ? Math.max(1, items.length) : Math.max(1, first);
}

function step(key: string, grid: boolean, columns: number): number | 'home' | 'end' | null {
  switch (key) {
    case 'ArrowDown':
      return grid ? columns : 1;
    case 'ArrowUp':
      return grid ? -columns : -1;
    case 'ArrowRight':
      return grid ? 1 : null;
    case 'ArrowLeft':
      return grid ? -1 : null;
    case 'Home':
      return 'home';
    case 'End':
      return 'end';
    default:
      return null;
  }
}

/**
 * Keyboard for the file list: arrows move, Shift+arrows extend the selection,
 * Space selects, Enter opens (the name is a link), Delete moves to the Trash,
 * Ctrl/⌘+A selects all, Escape clears.
 */
export function fileKeyHandler({ entries, selection, grid, focusAt, onDelete }: Keys) {
  return (event: JSX.TargetedKeyboardEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    const index = Number(target.closest<HTMLElement>('[data-index]')?.dataset.index ?? -1);
    const entry = entries[index];
    if (!entry) return;
    const mod = event.ctrlKey || event.metaKey;
    if (event.key === ' ' && target.tagName !== 'INPUT') {
      event.preventDefault();
      selection.toggle(entry.path);
    } else if (event.key === 'Delete' || (mod && event.key === 'Backspace')) {
      event.preventDefault();
      onDelete(selection.selected.size ? selection.entries : [entry]);
    } else if (mod && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      selection.all();
    } else if (event.key === 'Escape' && selection.selected.size > 0) {
      event.preventDefault();
      selection.clear();
    } else {
      const move = step(event.key, grid, columnsOf(event.currentTarget.querySelector('[data-items]') ?? event.currentTarget));
      if (move === null) return;
      event.preventDefault();
      const last = entries.length - 1;
      const next = move === 'home' ? 0 : move === 'end' ? last : Math.min(last, Math.max(0, index + move));
      if (event.shiftKey) {
        if (selection.selected.size === 0) selection.only(entry.path);
        selection.range(entries[next]!.path, true);
      }
      focusAt(next);
    }
  };
}
