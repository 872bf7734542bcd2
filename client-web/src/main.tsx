import { render } from 'preact';
import './styles.css';
import './i18n/common';
import { App } from './app';
import { lang } from './i18n';
import './core/sw-register';

document.documentElement.lang = lang.value;
render(<App />, document.getElementById('app')!);
