import type { ComponentChildren } from 'preact';
import { ShareIcon, type ShareIconName } from './ShareIcon';

/** A link that leads nowhere (revoked, expired, unreadable): what happened and what to do. */
export function ShareMessage({ icon, title, lead, children }: { icon: ShareIconName; title: string; lead: string; children?: ComponentChildren }) {
  return (
    <section class="share-card share-narrow share-message" aria-labelledby="share-message-title">
      <span class="share-tile share-tile-muted">
        <ShareIcon name={icon} size={28} />
      </span>
      <h1 id="share-message-title">{title}</h1>
      <p class="muted">{lead}</p>
      {children}
    </section>
  );
}
