import type { ComponentChildren } from 'preact';

export function Card({ title, children, wide, id }: { title: string; children: ComponentChildren; wide?: boolean; id?: string }) {
  const headingId = id ? `${id}-heading` : undefined;
  return (
    <section class={wide ? 'card card-wide' : 'card'} id={id} aria-labelledby={headingId}>
      <h3 class="card-title" id={headingId}>
        {title}
      </h3>
      {children}
    </section>
  );
}

/** A label/value list; rows whose value is null are left out. */
export function Facts({ rows }: { rows: Array<[string, ComponentChildren]> }) {
  return (
    <dl class="facts">
      {rows.map(([label, value]) => (
        <div class="fact" key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A horizontal gauge for "used of total" figures; turns amber then red when nearly full. */
export function UsageBar({ label, used, total, valueText }: { label: string; used: number; total: number; valueText: string }) {
  const ratio = total > 0 ? Math.min(1, Math.max(0, used / total)) : 0;
  const level = ratio >= 0.9 ? 'high' : ratio >= 0.75 ? 'medium' : 'low';
  return (
    <div
      class={`usage usage-${level}`}
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={used}
      aria-valuetext={valueText}
    >
      <div class="usage-fill" style={{ width: `${(ratio * 100).toFixed(1)}%` }} />
    </div>
  );
}
