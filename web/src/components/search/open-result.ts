import { baseName, driveHref, parentOf } from '../drive/paths';
import { navigate } from '../../router';
import type { SearchResult } from './search-api';

// Where a result leads. A file opens its folder in Drive with the file
// previewed and selected (the Drive reads `?open=<name>`, see
// useOpenFromAddress); a folder opens in Drive.

/** Fired after a navigation that only changed the address's query (the router follows paths only). */
export const OPEN_EVENT = 'cozy:open-from-address';
export const OPEN_PARAM = 'open';

export function hrefOf(result: SearchResult): string | null {
  if (!result.path) return null;
  if (result.kind === 'folder') return driveHref(result.path);
  return `${driveHref(parentOf(result.path))}?${OPEN_PARAM}=${encodeURIComponent(baseName(result.path))}`;
}

/** Follows a result; false when it leads nowhere yet (a kind without a screen). */
export function openResult(result: SearchResult): boolean {
  const href = hrefOf(result);
  if (!href) return false;
  navigate(href);
  window.dispatchEvent(new Event(OPEN_EVENT));
  return true;
}
