import { t, type MessageKey } from '../i18n';
import { estimateStrength, type StrengthHint } from '../lib/strength';

const HINTS: Record<StrengthHint, MessageKey> = {
  common: 'strength.hintCommon',
  repeat: 'strength.hintRepeat',
  variety: 'strength.hintVariety',
};
const LABELS: readonly MessageKey[] = ['strength.0', 'strength.1', 'strength.2', 'strength.3'];

/** Four segments and a word; the id lets the input reference it (aria-describedby). */
export function StrengthMeter({ id, passphrase }: { id: string; passphrase: string }) {
  const { level, hints } = estimateStrength(passphrase);
  const label = t(LABELS[level]!);
  const hint = hints[0];
  return (
    <div id={id} class="strength" data-level={passphrase ? level : undefined} hidden={!passphrase}>
      <div
        class="strength-bar"
        role="meter"
        aria-label={t('strength.label')}
        aria-valuemin={0}
        aria-valuemax={3}
        aria-valuenow={level}
        aria-valuetext={label}
      >
        {LABELS.map((_, index) => (
          <span key={index} class={index <= level ? 'strength-seg on' : 'strength-seg'} />
        ))}
      </div>
      <p class="strength-text">
        <strong>{t('strength.summary', { level: label })}</strong>
        {level < 3 && hint ? ` — ${t(HINTS[hint])}` : ''}
      </p>
    </div>
  );
}
