import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { connectApi, webAddress, type Reach } from './api';

/** The box's reach, fetched once (names and addresses change rarely; a reload shows a new one). */
export function useReach(): Reach | null {
  const [reach, setReach] = useState<Reach | null>(null);
  useEffect(() => {
    connectApi.reach().then(setReach, () => setReach(null));
  }, []);
  return reach;
}

/** The names and addresses the box can be reached at: for Setup (before any account) and System. */
export function ReachList({ reach }: { reach: Reach }) {
  const v4 = reach.addresses.filter((a) => a.family === 'IPv4');
  const v6 = reach.addresses.filter((a) => a.family === 'IPv6');
  return (
    <div class="reach" data-testid="reach">
      {reach.mdnsName ? (
        <>
          <p class="muted small">{t('reach.lead')}</p>
          <p class="reach-name">
            <a href={webAddress(reach.mdnsName, reach.port)} data-testid="reach-mdns">
              {webAddress(reach.mdnsName, reach.port)}
            </a>
          </p>
          {reach.mdnsRenamed && (
            <p class="status status-warn" data-testid="reach-renamed">
              {t('reach.renamed', { name: reach.mdnsName, usual: `${reach.hostname}.local` })}
            </p>
          )}
        </>
      ) : (
        <p class="muted small">{t('reach.noMdns')}</p>
      )}
      <dl class="facts">
        <div class="fact">
          <dt>{t('reach.hostname')}</dt>
          <dd class="mono">{reach.hostname}</dd>
        </div>
      </dl>
      <p class="muted small">{reach.addresses.length ? t('reach.addresses') : t('reach.noAddress')}</p>
      <ul class="addresses reach-addresses">
        {[...v4, ...v6].map((a) => (
          <li key={a.address} class="mono">
            <span class="badge">{a.family}</span> <a href={webAddress(a.address, reach.port)}>{webAddress(a.address, reach.port)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ReachCard() {
  const reach = useReach();
  if (!reach) return null;
  return (
    <section class="card card-wide" id="card-reach" aria-labelledby="card-reach-heading">
      <h3 class="card-title" id="card-reach-heading">
        {t('reach.title')}
      </h3>
      <ReachList reach={reach} />
    </section>
  );
}
