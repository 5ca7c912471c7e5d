import { useState } from 'preact/hooks';
import { t, type MessageKey } from '../../i18n';
import { Button } from '../Button';
import { CSV_ROLES, type CsvDetection, type CsvMapping, type CsvRole } from './import-api';

// A CSV's columns as the importer read them: the person confirms or corrects
// what each one holds (date, label, amount or debit/credit, balance…).

interface Props {
  detection: CsvDetection;
  mapping: CsvMapping;
  busy: boolean;
  onApply: (mapping: CsvMapping) => void;
}

const SAMPLE_ROWS = 4;

function roleOf(mapping: CsvMapping, index: number): CsvRole {
  return mapping.columns.find((c) => c.index === index)?.role ?? 'ignore';
}

/** Each column's header and a role to choose, above the first rows of the file. */
function ColumnsTable({ detection, draft, setRole }: { detection: CsvDetection; draft: CsvMapping; setRole: (index: number, role: CsvRole) => void }) {
  const count = Math.max(detection.columns.length, ...detection.sampleRows.map((r) => r.length));
  const indices = Array.from({ length: count }, (_, i) => i);
  return (
  <div class="bk-columns-scroll">
    <table class="bk-columns-table">
      <thead>
        <tr>
          {indices.map((i) => (
            <th key={i} scope="col">
              <span class="bk-col-head">{detection.columns[i]?.header || t('banks.importing.column', { n: i + 1 })}</span>
              <select aria-label={`${t('banks.importing.column', { n: i + 1 })} ${detection.columns[i]?.header ?? ''}`.trim()} value={roleOf(draft, i)} onChange={(e) => setRole(i, e.currentTarget.value as CsvRole)}>
                {CSV_ROLES.map((role) => <option key={role} value={role}>{t(`banks.role.${role}` as MessageKey)}</option>)}
              </select>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {detection.sampleRows.slice(0, SAMPLE_ROWS).map((row, r) => (
          <tr key={r}>{indices.map((i) => <td key={i}>{row[i] ?? ''}</td>)}</tr>
        ))}
      </tbody>
    </table>
  </div>
  );
}

export function ImportColumns({ detection, mapping, busy, onApply }: Props) {
  const [draft, setDraft] = useState<CsvMapping>(mapping);
  const setRole = (index: number, role: CsvRole) =>
    setDraft({ ...draft, columns: [...draft.columns.filter((c) => c.index !== index), ...(role === 'ignore' ? [] : [{ index, role }])].sort((a, b) => a.index - b.index) });
  const changed = JSON.stringify(draft) !== JSON.stringify(mapping);
  return (
    <section class="bk-columns" aria-label={t('banks.importing.columns')}>
      <h3 class="bk-subtitle">{t('banks.importing.columns')}</h3>
      <p class="muted small">{t('banks.importing.columnsHint')}</p>
      <ColumnsTable detection={detection} draft={draft} setRole={setRole} />
      <div class="bk-columns-options">
        <label class="bk-field">
          <span>{t('banks.importing.dateOrder')}</span>
          <select value={draft.dateOrder ?? detection.dateOrder} onChange={(e) => setDraft({ ...draft, dateOrder: e.currentTarget.value as CsvMapping['dateOrder'] })}>
            {(['dmy', 'mdy', 'ymd'] as const).map((order) => <option key={order} value={order}>{t(`banks.order.${order}`)}</option>)}
          </select>
        </label>
        <label class="bk-field">
          <span>{t('banks.importing.decimal')}</span>
          <select value={draft.decimalSeparator ?? detection.decimalSeparator} onChange={(e) => setDraft({ ...draft, decimalSeparator: e.currentTarget.value as '.' | ',' })}>
            <option value=",">1 234,56</option>
            <option value=".">1,234.56</option>
          </select>
        </label>
        <Button variant="secondary" busy={busy} inactive={!changed} onClick={() => onApply(draft)}>{t('banks.importing.apply')}</Button>
      </div>
    </section>
  );
}
