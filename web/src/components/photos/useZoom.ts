import { useRef, useState } from 'preact/hooks';

// Zoom and pan for the lightbox picture: double-click (or double-tap) toggles,
// two fingers pinch, one finger or the mouse pans a zoomed picture, and a
// horizontal swipe on an unzoomed one goes to the next or previous photo.

const MAX_SCALE = 4;
const SWIPE_PX = 60;

interface Pointer {
  x: number;
  y: number;
}

const distance = (a: Pointer, b: Pointer) => Math.hypot(a.x - b.x, a.y - b.y);

export function useZoom(go: (delta: number) => void) {
  const [view, setView] = useState({ scale: 1, x: 0, y: 0 });
  const pointers = useRef(new Map<number, Pointer>());
  const gesture = useRef<{ start: Pointer; origin: { x: number; y: number }; pinch: number | null; scale: number } | null>(null);

  const clamp = (scale: number) => Math.min(MAX_SCALE, Math.max(1, scale));
  const zoomBy = (factor: number) => setView((v) => {
    const scale = clamp(v.scale * factor);
    return scale === 1 ? { scale, x: 0, y: 0 } : { scale, x: v.x, y: v.y };
  });
  const reset = () => setView({ scale: 1, x: 0, y: 0 });

  const onPointerDown = (event: PointerEvent) => {
    (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    const [a, b] = [...pointers.current.values()];
    gesture.current = { start: { x: event.clientX, y: event.clientY }, origin: { x: view.x, y: view.y }, pinch: a && b ? distance(a, b) : null, scale: view.scale };
  };
  const onPointerMove = (event: PointerEvent) => {
    if (!pointers.current.has(event.pointerId) || !gesture.current) return;
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    const [a, b] = [...pointers.current.values()];
    const g = gesture.current;
    if (a && b && g.pinch) {
      const scale = clamp((g.scale * distance(a, b)) / g.pinch);
      setView((v) => ({ ...v, scale }));
    } else if (view.scale > 1) {
      setView((v) => ({ ...v, x: g.origin.x + (event.clientX - g.start.x) / v.scale, y: g.origin.y + (event.clientY - g.start.y) / v.scale }));
    }
  };
  const onPointerUp = (event: PointerEvent) => {
    const g = gesture.current;
    const wasPinch = pointers.current.size > 1 || g?.pinch;
    pointers.current.delete(event.pointerId);
    if (pointers.current.size > 0) return;
    gesture.current = null;
    if (!g || wasPinch || view.scale > 1) return;
    const dx = event.clientX - g.start.x;
    const dy = event.clientY - g.start.y;
    if (Math.abs(dx) > SWIPE_PX && Math.abs(dx) > 2 * Math.abs(dy)) go(dx < 0 ? 1 : -1);
  };
  const onDblClick = () => setView((v) => (v.scale > 1 ? { scale: 1, x: 0, y: 0 } : { scale: 2.5, x: 0, y: 0 }));

  return {
    scale: view.scale,
    zoomBy,
    reset,
    style: { transform: `scale(${view.scale}) translate(${view.x}px, ${view.y}px)` },
    handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp, onDblClick },
  };
}
