import type { SystemInfo, Throttling } from '../api';
import { getLocale, t, type MessageKey } from '../i18n';
import { formatBytes, formatCelsius, formatDuration, formatNumber, formatPercent } from '../lib/format';
import { Card, Facts, UsageBar } from './Card';

const FLAGS: ReadonlyArray<[keyof Throttling, keyof Throttling, MessageKey]> = [
  ['underVoltage', 'underVoltageOccurred', 'throttle.underVoltage'],
  ['frequencyCapped', 'frequencyCappedOccurred', 'throttle.frequencyCapped'],
  ['throttled', 'throttledOccurred', 'throttle.throttled'],
  ['softTemperatureLimit', 'softTemperatureLimitOccurred', 'throttle.softTemperatureLimit'],
];

function list(keys: MessageKey[]): string {
  return new Intl.ListFormat(getLocale(), { type: 'conjunction' }).format(keys.map((key) => t(key)));
}

/** The Raspberry Pi firmware's flags in words: what is happening now, and what happened since boot. */
function ThrottlingStatus({ flags }: { flags: Throttling }) {
  const now = FLAGS.filter(([active]) => flags[active]).map(([, , key]) => key);
  const past = FLAGS.filter(([active, occurred]) => flags[occurred] && !flags[active]).map(([, , key]) => key);
  if (!now.length && !past.length) return <p class="status status-ok">{t('system.powerOk')}</p>;
  return (
    <>
      {now.length > 0 && <p class="status status-bad">{t('system.now', { flags: list(now) })}</p>}
      {past.length > 0 && <p class="status status-warn">{t('system.past', { flags: list(past) })}</p>}
    </>
  );
}

function DeviceCard({ info }: { info: SystemInfo }) {
  return (
    <Card title={t('system.device')} id="card-device">
      <Facts
        rows={[
          [t('system.model'), info.device.model],
          [t('system.version'), <span data-testid="version">{info.version}</span>],
          [t('system.uptimeSystem'), formatDuration(info.uptime.systemSeconds)],
          [t('system.uptimeService'), formatDuration(info.uptime.serviceSeconds)],
        ]}
      />
    </Card>
  );
}

function CpuCard({ info }: { info: SystemInfo }) {
  const { cpu, temperature, throttling } = info;
  const celsius = temperature.celsius;
  return (
    <Card title={t('system.cpu')} id="card-cpu">
      <p class="big-figure">
        {formatPercent(cpu.loadPercent)}
        <span class="big-figure-label">{t('system.load')}</span>
      </p>
      <Facts
        rows={[
          [t('system.cpuModel'), cpu.model],
          [t('system.cores'), formatNumber(cpu.cores)],
          [t('system.loadAverage'), cpu.loadAverage.map((n) => formatNumber(n, 2, 2)).join('\u00a0·\u00a0')],
          [t('system.temperature'), celsius === null ? <span class="muted">{t('system.tempUnknown')}</span> : formatCelsius(celsius)],
        ]}
      />
      {throttling && (
        <div class="subsection">
          <h4 class="subsection-title">{t('system.power')}</h4>
          <ThrottlingStatus flags={throttling} />
        </div>
      )}
    </Card>
  );
}

function MemoryCard({ info }: { info: SystemInfo }) {
  const { totalBytes, usedBytes, availableBytes } = info.memory;
  const text = t('system.usedOf', { used: formatBytes(usedBytes), total: formatBytes(totalBytes) });
  return (
    <Card title={t('system.memory')} id="card-memory">
      <p class="big-figure">{formatPercent(totalBytes ? (usedBytes / totalBytes) * 100 : 0)}</p>
      <UsageBar label={t('system.memory')} used={usedBytes} total={totalBytes} valueText={text} />
      <p class="usage-text">
        <span>{text}</span>
        <span class="muted">{t('system.available', { free: formatBytes(availableBytes) })}</span>
      </p>
    </Card>
  );
}

function DiskCard({ info }: { info: SystemInfo }) {
  const disk = info.disk;
  if (!disk) {
    return (
      <Card title={t('system.disk')} id="card-disk">
        <p class="muted">{t('system.diskUnknown')}</p>
      </Card>
    );
  }
  const text = t('system.usedOf', { used: formatBytes(disk.usedBytes), total: formatBytes(disk.totalBytes) });
  // As df counts it: of the space people can use (blocks reserved for root excluded).
  const usable = disk.usedBytes + disk.freeBytes;
  return (
    <Card title={t('system.disk')} id="card-disk">
      <p class="big-figure">{formatPercent(usable ? (disk.usedBytes / usable) * 100 : 0)}</p>
      <UsageBar label={t('system.disk')} used={disk.usedBytes} total={usable} valueText={text} />
      <p class="usage-text">
        <span>{text}</span>
        <span class="muted">{t('system.diskFree', { free: formatBytes(disk.freeBytes) })}</span>
      </p>
      <p class="mono muted small">{disk.path}</p>
    </Card>
  );
}

function NetworkCard({ info }: { info: SystemInfo }) {
  return (
    <Card title={t('system.network')} id="card-network">
      <Facts rows={[[t('system.hostname'), <span class="mono">{info.hostname}</span>]]} />
      {info.network.length === 0 && <p class="muted">{t('system.noNetwork')}</p>}
      <ul class="interfaces">
        {info.network.map((nic) => (
          <li key={nic.name} class="interface">
            <p class="interface-name">
              <strong class="mono">{nic.name}</strong>
              {nic.mac && <span class="muted small mono">{t('system.mac', { mac: nic.mac })}</span>}
            </p>
            <ul class="addresses">
              {nic.addresses.map((a) => (
                <li key={a.address} class="mono">
                  <span class="badge">{a.family}</span> {a.address}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function SystemCards({ info }: { info: SystemInfo }) {
  return (
    <div class="cards">
      <DeviceCard info={info} />
      <CpuCard info={info} />
      <MemoryCard info={info} />
      <DiskCard info={info} />
      <NetworkCard info={info} />
    </div>
  );
}
