import { useCallback, useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../../lib/errors';
import { banksApi, type Account, type BalanceSeries, type Category, type Money, type Spending } from './banks-api';

// What the Banks page shows above the list: accounts and totals, the two
// charts (for one account or all) and the categories. Read again after an
// import or a rule.

const SPENDING_MONTHS = 12;

export interface BanksData {
  accounts: Account[] | null;
  totals: Money[];
  balances: BalanceSeries | null;
  spending: Spending | null;
  categories: Category[];
  error: string;
  reload: () => void;
}

export function useBanksData(account: number | undefined): BanksData {
  const [accounts, setAccounts] = useState<{ accounts: Account[]; totals: Money[] } | null>(null);
  const [balances, setBalances] = useState<BalanceSeries | null>(null);
  const [spending, setSpending] = useState<Spending | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  const [error, setError] = useState('');
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    const fail = (cause: unknown) => live && setError(errorMessage(cause));
    setError('');
    banksApi.accounts().then((answer) => live && setAccounts(answer), fail);
    banksApi.balances(account).then((answer) => live && setBalances(answer), fail);
    banksApi.spending(SPENDING_MONTHS, account).then((answer) => live && setSpending(answer), fail);
    return () => {
      live = false;
    };
  }, [account, version]);

  useEffect(() => {
    // Categories may not be served by an older box: the page works without them.
    banksApi.categories().then(({ categories: list }) => setCategories(list), () => setCategories([]));
  }, [version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { accounts: accounts?.accounts ?? null, totals: accounts?.totals ?? [], balances, spending, categories, error, reload };
}
