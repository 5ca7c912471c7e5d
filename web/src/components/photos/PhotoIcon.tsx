import type { JSX } from 'preact';

// Photos' own 24×24 stroke icons, drawn like the Drive's (DriveIcon has the rest).
const ICONS = {
  zoomIn: (
    <>
      <circle cx="11" cy="11" r="7" />
      <path d="m20 20-4-4M8 11h6M11 8v6" />
    </>
  ),
  zoomOut: (
    <>
      <circle cx="11" cy="11" r="7" />
      <path d="m20 20-4-4M8 11h6" />
    </>
  ),
  album: (
    <>
      <rect x="3" y="6" width="15" height="14" rx="2" />
      <path d="M7 3h12a2 2 0 0 1 2 2v11" />
      <path d="m3 17 4-4 4 4 3-3 4 4" />
    </>
  ),
  albumAdd: (
    <>
      <rect x="3" y="6" width="15" height="14" rx="2" />
      <path d="M7 3h12a2 2 0 0 1 2 2v11M10.5 10v6M7.5 13h6" />
    </>
  ),
  timeline: (
    <>
      <rect x="3" y="4" width="7" height="7" rx="1" />
      <rect x="14" y="4" width="7" height="7" rx="1" />
      <rect x="3" y="14" width="7" height="7" rx="1" />
      <rect x="14" y="14" width="7" height="7" rx="1" />
    </>
  ),
  cover: (
    <>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <path d="m8 12 3 3 5-6" />
    </>
  ),
  settings: (
    <>
      <path d="M21 4h-7M10 4H3M21 12h-9M8 12H3M21 20h-5M12 20H3" />
      <path d="M14 2v4M8 10v4M16 18v4" />
    </>
  ),
  plus: <path d="M12 5v14M5 12h14" />,
} satisfies Record<string, JSX.Element>;

export type PhotoIconName = keyof typeof ICONS;

export function PhotoIcon({ name, size = 20 }: { name: PhotoIconName; size?: number }) {
  return (
    <svg class="icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2"
      stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
      {ICONS[name]}
    </svg>
  );
}
