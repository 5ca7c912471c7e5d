import { markedParts } from './groups';

/** Text with the matched words highlighted; built from text nodes only (never innerHTML). */
export function Marked({ html, class: className }: { html: string; class?: string }) {
  return (
    <span class={className}>
      {markedParts(html).map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : part.text))}
    </span>
  );
}
