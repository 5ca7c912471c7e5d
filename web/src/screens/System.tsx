import { api } from '../api';
import { Card } from '../components/Card';
import { ReachCard } from '../components/connect/ReachCard';
import { MetricsCharts } from '../components/MetricsCharts';
import { Notice } from '../components/Notice';
import { PowerCard } from '../components/power/PowerCard';
import { SystemCards } from '../components/SystemCards';
import { t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { usePolling, useTitle } from '../lib/hooks';
import { useSession } from '../session';

const EVERY_5_S = 5000;

export function SystemScreen() {
  useTitle(t('system.title'), t('settings.title'));
  const info = usePolling(api.systemInfo, EVERY_5_S);
  const metrics = usePolling(api.metrics, EVERY_5_S);
  const error = info.error ?? metrics.error;
  const owner = useSession().me.user.role === 'owner';
  return (
    <div class="stack">
      <header class="section-header">
        <h2>{t('system.title')}</h2>
        <p class="muted">{t('system.lead')}</p>
      </header>
      <Notice kind="error">{error ? errorMessage(error) : ''}</Notice>
      {!info.data && !error && (
        <p class="muted" aria-busy="true">
          {t('app.loading')}
        </p>
      )}
      {metrics.data && (
        <Card title={t('system.chartTitle')} wide id="card-charts">
          <MetricsCharts metrics={metrics.data} />
        </Card>
      )}
      <ReachCard />
      {info.data && <SystemCards info={info.data} />}
      {owner && <PowerCard />}
    </div>
  );
}
