import type { IconName } from './components/Icon';
import type { MessageKey } from './i18n';

export interface Space {
  id: string;
  /** Where the space starts; it is "current" for this path and everything under it. */
  path: string;
  /** Where a click on the space leads. */
  home: string;
  label: MessageKey;
  icon: IconName;
  /** Other paths that belong to the space (e.g. Drive's Trash at /drive-trash). */
  also?: readonly string[];
}

// The top bar lists these, in order. A new space is one line here (plus its
// label in the dictionaries and its icon).
export const SPACES: readonly Space[] = [
  { id: 'drive', path: '/drive', home: '/drive', label: 'nav.drive', icon: 'drive', also: ['/drive-trash'] },
  { id: 'photos', path: '/photos', home: '/photos', label: 'nav.photos', icon: 'photos' },
  { id: 'banks', path: '/banks', home: '/banks', label: 'nav.banks', icon: 'banks' },
  { id: 'settings', path: '/settings', home: '/settings/system', label: 'nav.settings', icon: 'settings' },
];

export function isActive(space: Space, pathname: string): boolean {
  return [space.path, ...(space.also ?? [])].some((path) => pathname === path || pathname.startsWith(`${path}/`));
}
