// Settings -> System: Restart and Shut down, for the owner. The box has no
// power button; this is the way to restart it that spares the SD card.
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../api';
import { t } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { Button } from '../Button';
import { ConfirmDialog } from '../drive/Dialog';
import { Notice } from '../Notice';
import { outcomeOf, type Poll, type PowerAction, type PowerOutcome, type PowerWatch } from './watch';

interface PowerStatus {
  available: boolean;
  bootId: string;
}

const powerApi = {
  status: () => request<PowerStatus>('GET', '/api/system/power'),
  request: (action: PowerAction) => request<{ action: PowerAction; at: number }>('POST', '/api/system/power', { action }),
};

const POLL_EVERY_MS = 2000;

/** Polls the box until the outcome is decided; returns it as it changes. */
function useWatch(watch: PowerWatch | null): PowerOutcome {
  const [outcome, setOutcome] = useState<PowerOutcome>('waiting');
  useEffect(() => {
    if (!watch) return;
    setOutcome('waiting');
    const polls: Poll[] = [];
    const timer = setInterval(async () => {
      const poll = await powerApi.status().then((status) => status.bootId, () => null);
      polls.push(poll);
      const next = outcomeOf({ ...watch, polls }, Date.now());
      setOutcome(next);
      if (next !== 'waiting') clearInterval(timer);
    }, POLL_EVERY_MS);
    return () => clearInterval(timer);
  }, [watch]);
  return outcome;
}

const PROGRESS: Record<PowerAction, Record<PowerOutcome, { kind: 'info' | 'success' | 'error'; key: Parameters<typeof t>[0] }>> = {
  restart: {
    waiting: { kind: 'info', key: 'power.restarting' },
    back: { kind: 'success', key: 'power.back' },
    off: { kind: 'info', key: 'power.restarting' },
    stuck: { kind: 'error', key: 'power.restartStuck' },
  },
  shutdown: {
    waiting: { kind: 'info', key: 'power.shuttingDown' },
    back: { kind: 'info', key: 'power.shuttingDown' },
    off: { kind: 'success', key: 'power.off' },
    stuck: { kind: 'error', key: 'power.shutdownStuck' },
  },
};

function Progress({ watch, outcome }: { watch: PowerWatch; outcome: PowerOutcome }) {
  const { kind, key } = PROGRESS[watch.action][outcome];
  return (
    <div aria-live="polite" data-outcome={outcome}>
      {outcome === 'waiting' ? (
        <p class="power-waiting">
          <span class="spinner" aria-hidden="true" />
          {t(key)}
        </p>
      ) : (
        <Notice kind={kind}>{t(key)}</Notice>
      )}
    </div>
  );
}

/** Asks the box to act once the person confirmed; what it was asked, and how the asking went. */
function usePowerRequest() {
  const [confirming, setConfirming] = useState<PowerAction | null>(null);
  const [watch, setWatch] = useState<PowerWatch | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const confirm = async () => {
    if (!confirming) return;
    setBusy(true);
    setError('');
    try {
      // This boot's id now: the page may have been open across an earlier restart.
      const { bootId } = await powerApi.status();
      await powerApi.request(confirming);
      setWatch({ action: confirming, bootId, startedAt: Date.now(), polls: [] });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  };
  return { confirming, setConfirming, watch, busy, error, setError, confirm };
}

function ConfirmPower({ action, busy, onConfirm, onClose }: { action: PowerAction; busy: boolean; onConfirm: () => void; onClose: () => void }) {
  const restart = action === 'restart';
  return (
    <ConfirmDialog
      title={t(restart ? 'power.confirmRestartTitle' : 'power.confirmShutdownTitle')}
      message={t(restart ? 'power.confirmRestart' : 'power.confirmShutdown')}
      confirm={t(restart ? 'power.restart' : 'power.shutdown')}
      busy={busy}
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}

export function PowerCard() {
  const [status, setStatus] = useState<PowerStatus | null>(null);
  const { confirming, setConfirming, watch, busy, error, setError, confirm } = usePowerRequest();
  const outcome = useWatch(watch);
  useEffect(() => {
    powerApi.status().then(setStatus, (caught) => setError(errorMessage(caught)));
  }, []);
  // Back from a restart, or still up after the deadline: the buttons are offered again.
  const settled = !watch || outcome === 'back' || outcome === 'stuck';
  return (
    <section class="card card-wide" aria-labelledby="power-heading" id="card-power">
      <h3 class="card-title" id="power-heading">
        {t('power.title')}
      </h3>
      <p class="muted">{t('power.lead')}</p>
      <Notice kind="error">{error}</Notice>
      {status && !status.available && <Notice kind="info">{t('power.unavailable')}</Notice>}
      {watch && <Progress watch={watch} outcome={outcome} />}
      {status?.available && settled && (
        <div class="actions">
          <Button variant="secondary" onClick={() => setConfirming('restart')}>
            {t('power.restart')}
          </Button>
          <Button variant="danger" onClick={() => setConfirming('shutdown')}>
            {t('power.shutdown')}
          </Button>
        </div>
      )}
      {confirming && <ConfirmPower action={confirming} busy={busy} onConfirm={confirm} onClose={() => setConfirming(null)} />}
    </section>
  );
}
