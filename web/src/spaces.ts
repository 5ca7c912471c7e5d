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
}

// The top bar lists these, in order. A new space is one line here (plus its
// label in the dictionaries and its icon), e.g.:
//   { id: 'drive', path: '/drive', home: '/drive', label: 'nav.drive', icon: 'drive' },
export const SPACES: readonly Space[] = [
  { id: 'settings', path: '/settings', home: '/settings/system', label: 'nav.settings', icon: 'settings' },
];

export function isActive(space: Space, pathname: string): boolean {
  return pathname === space.path || pathname.startsWith(`${space.path}/`);
}
