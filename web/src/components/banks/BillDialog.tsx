import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, request } from '../../api';
import { getLocale, t } from '../../i18n';
import type { BillsMessageKey } from '../../i18n/bills.en';
import { errorMessage } from '../../lib/errors';
import { Button } from '../Button';
import { Notice } from '../Notice';
import { Dialog } from '../drive/Dialog';
import {
  BILL_TYPES,
  CURRENCIES,
  checkBill,
  decimalMarkOf,
  formatAmountInput,
  type BillField,
  type BillFormErrors,
  type BillFormValues,
  type BillTypeChoice,
} from './BillDialog.form';
import './bill-dialog.css';

// "This is a bill": a PDF from Drive becomes a bill. The box proposes vendor,
// date, amount, currency and type from the document's text; the person checks
// and corrects them, then the bill is saved (POST /api/banks/bills).

export interface BillFile {
  id: number;
  name: string;
  path: string;
}

/** The box's answer to POST /api/banks/bills (a BillDto). */
export interface SavedBill {
  id: number;
  fileId: number | null;
  vendor: string;
  type: string;
  date: string;
  amountMinor: number;
  currency: string;
  source: string;
}

interface Proposal {
  vendor: string | null;
  date: string | null;
  amountMinor: number | null;
  currency: string | null;
  type: string | null;
  excerpt: string | null;
}

type ProposalState = { state: 'loading' } | { state: 'ready'; proposal: Proposal } | { state: 'failed'; message: string };

const READ_ERRORS: Record<string, BillsMessageKey> = {
  not_a_pdf: 'bill.err.not_a_pdf',
  pdf_too_large: 'bill.err.pdf_too_large',
  pdf_unreadable: 'bill.err.pdf_unreadable',
  pdf_too_slow: 'bill.err.pdf_too_slow',
};

function readError(error: unknown): string {
  const key = error instanceof ApiError ? READ_ERRORS[error.code] : undefined;
  return key ? t(key) : errorMessage(error);
}

function useProposal(fileId: number): ProposalState {
  const [state, setState] = useState<ProposalState>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    request<Proposal>('POST', '/api/banks/bills/propose', { fileId })
      .then((proposal) => live && setState({ state: 'ready', proposal }))
      .catch((error: unknown) => live && setState({ state: 'failed', message: readError(error) }));
    return () => {
      live = false;
    };
  }, [fileId]);
  return state;
}

const isType = (value: string | null): value is BillTypeChoice => BILL_TYPES.includes(value as BillTypeChoice);

/** The proposal, over the fields the person has not touched yet. */
function prefill(values: BillFormValues, proposal: Proposal, touched: Set<BillField>): BillFormValues {
  const next = { ...values };
  const currency = proposal.currency ?? values.currency;
  if (!touched.has('vendor') && proposal.vendor) next.vendor = proposal.vendor;
  if (!touched.has('date') && proposal.date) next.date = proposal.date;
  if (!touched.has('currency')) next.currency = currency;
  if (!touched.has('amount') && proposal.amountMinor !== null) next.amount = formatAmountInput(proposal.amountMinor, currency, getLocale());
  if (!touched.has('type') && isType(proposal.type)) next.type = proposal.type;
  return next;
}

function Field(props: { id: string; label: string; hint?: string; error?: BillsMessageKey; children: ComponentChildren; class?: string }) {
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}${props.class ? ` ${props.class}` : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <p id={`${props.id}-hint`} class="field-hint">
          {props.hint}
        </p>
      )}
      {props.children}
      {props.error && (
        <p id={`${props.id}-error`} class="field-error">
          {t(props.error)}
        </p>
      )}
    </div>
  );
}

/** aria attributes of an input whose Field has this hint and error. */
function described(id: string, error: BillsMessageKey | undefined, hint = false) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': ids || undefined };
}

function ProposalNote({ proposal }: { proposal: ProposalState }) {
  if (proposal.state === 'loading') {
    return (
      <p class="bill-reading" role="status">
        <span class="spinner" aria-hidden="true" /> {t('bill.reading')}
      </p>
    );
  }
  if (proposal.state === 'failed') return <Notice kind="info">{`${proposal.message} ${t('bill.fillYourself')}`}</Notice>;
  const { excerpt } = proposal.proposal;
  return (
    <div class="bill-proposed">
      <Notice kind="info">{t(excerpt ? 'bill.proposed' : 'bill.nothingFound')}</Notice>
      {excerpt && (
        <details class="bill-excerpt">
          <summary>{t('bill.excerpt')}</summary>
          <pre>{excerpt}</pre>
        </details>
      )}
    </div>
  );
}

const EMPTY: BillFormValues = { vendor: '', date: '', amount: '', currency: 'EUR', type: 'other' };

/** The form's state: prefilled when the proposal arrives, checked, then sent. */
function useBillForm(file: BillFile, proposal: ProposalState, onDone: (bill: SavedBill) => void) {
  const [values, setValues] = useState<BillFormValues>(EMPTY);
  const touched = useRef(new Set<BillField>());
  const [errors, setErrors] = useState<BillFormErrors>({});
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const body = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (proposal.state === 'ready') setValues((current) => prefill(current, proposal.proposal, touched.current));
  }, [proposal]);

  const set = (field: BillField) => (value: string) => {
    touched.current.add(field);
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const save = async () => {
    setFailure('');
    const checked = checkBill(values, file.id, decimalMarkOf(getLocale()));
    if ('errors' in checked) {
      setErrors(checked.errors);
      requestAnimationFrame(() => body.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    try {
      onDone(await request<SavedBill>('POST', '/api/banks/bills', checked.body));
    } catch (error) {
      setFailure(t('bill.saveFailed', { reason: errorMessage(error) }));
      setBusy(false);
    }
  };
  return { values, errors, failure, busy, body, set, save };
}

export function BillDialog({ file, onDone, onClose }: { file: BillFile; onDone: (bill: SavedBill) => void; onClose: () => void }) {
  const proposal = useProposal(file.id);
  const { values, errors, failure, busy, body, set, save } = useBillForm(file, proposal, onDone);
  return (
    <Dialog
      title={t('bill.title')}
      class="bill-dialog"
      onClose={onClose}
      onSubmit={() => void save()}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('bill.cancel')}
          </Button>
          <Button type="submit" busy={busy}>
            {t('bill.save')}
          </Button>
        </>
      }
    >
      <div ref={body} class="bill-form" aria-busy={proposal.state === 'loading' ? 'true' : undefined}>
        <p class="bill-document">{t('bill.document', { name: file.name })}</p>
        <ProposalNote proposal={proposal} />
        <BillFields values={values} errors={errors} set={set} />
        <Notice kind="error">{failure}</Notice>
      </div>
    </Dialog>
  );
}

function BillFields({ values, errors, set }: { values: BillFormValues; errors: BillFormErrors; set: (field: BillField) => (value: string) => void }) {
  const currencies = CURRENCIES.includes(values.currency as (typeof CURRENCIES)[number]) ? CURRENCIES : [...CURRENCIES, values.currency];
  return (
    <>
      <Field id="bill-vendor" label={t('bill.vendor')} hint={t('bill.vendorHint')} error={errors.vendor}>
        <input id="bill-vendor" type="text" value={values.vendor} maxLength={200} onInput={(e) => set('vendor')(e.currentTarget.value)} {...described('bill-vendor', errors.vendor, true)} />
      </Field>
      <Field id="bill-date" label={t('bill.date')} error={errors.date}>
        <input id="bill-date" type="date" value={values.date} onInput={(e) => set('date')(e.currentTarget.value)} {...described('bill-date', errors.date)} />
      </Field>
      <div class="bill-money">
        <Field id="bill-amount" label={t('bill.amount')} error={errors.amount} class="bill-amount">
          <input id="bill-amount" type="text" inputMode="decimal" autoComplete="off" placeholder={t('bill.amountHint')} value={values.amount} onInput={(e) => set('amount')(e.currentTarget.value)} {...described('bill-amount', errors.amount)} />
        </Field>
        <Field id="bill-currency" label={t('bill.currency')} error={errors.currency} class="bill-currency">
          <select id="bill-currency" value={values.currency} onChange={(e) => set('currency')(e.currentTarget.value)} {...described('bill-currency', errors.currency)}>
            {currencies.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id="bill-type" label={t('bill.type')}>
        <select id="bill-type" value={values.type} onChange={(e) => set('type')(e.currentTarget.value)}>
          {BILL_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`bill.type.${type}`)}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
