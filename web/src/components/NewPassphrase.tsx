import { t } from '../i18n';
import { TextField } from './Field';
import { StrengthMeter } from './StrengthMeter';

interface Props {
  prefix: string;
  label: string;
  next: string;
  repeat: string;
  onNext: (value: string) => void;
  onRepeat: (value: string) => void;
  errors: { next?: string | null; repeat?: string | null };
  show: boolean;
}

/** A new passphrase typed twice, with its strength meter. */
export function NewPassphrase({ prefix, label, next, repeat, onNext, onRepeat, errors, show }: Props) {
  const meterId = `${prefix}-strength`;
  const type = show ? 'text' : 'password';
  return (
    <>
      <TextField
        id={`${prefix}-next`}
        label={label}
        hint={t('field.passphraseHint')}
        type={type}
        value={next}
        onValue={onNext}
        error={errors.next}
        autoComplete="new-password"
        extraDescribedBy={meterId}
      >
        <StrengthMeter id={meterId} passphrase={next} />
      </TextField>
      <TextField
        id={`${prefix}-repeat`}
        label={t('field.passphraseRepeat')}
        type={type}
        value={repeat}
        onValue={onRepeat}
        error={errors.repeat}
        autoComplete="new-password"
      />
    </>
  );
}
