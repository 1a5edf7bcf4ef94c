import browser from 'webextension-polyfill';
import { setMessageSource } from '../../shared/i18n';

// Imported first by the worker's entry (index.ts), so `text()` reads the browser's catalogue in every
// module the worker loads; shared code itself stays free of browser APIs.
setMessageSource((key, substitutions) => browser.i18n.getMessage(key, substitutions));
