import { render } from 'preact';
import { App } from './app';
import { resolveLocale, setLocale } from './i18n';
import './styles/base.css';
import './styles/forms.css';
import './styles/shell.css';
import './styles/screens.css';
import './styles/system.css';
import './styles/security.css';
import './styles/app-passwords.css';
import './styles/connect.css';
import './styles/chart.css';

// Before the account is known: this browser's choice, else its languages.
setLocale(resolveLocale());

const root = document.getElementById('app');
if (root) render(<App />, root);
