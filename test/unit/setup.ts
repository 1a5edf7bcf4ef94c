// Unit tests run in Node. Browser APIs come from @webext-core/fake-browser behind the
// webextension-polyfill import (the real polyfill refuses to load outside an extension).
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, vi } from 'vitest';
import { setMessageSource } from '../../src/shared/i18n';
import { englishGetMessage } from './fake-i18n';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));

// fake-browser leaves i18n unimplemented; messages come from the real English catalogue, both
// through the browser API (pages) and as the shared lookup's source (what the worker's entry sets).
fakeBrowser.i18n.getMessage = englishGetMessage;
setMessageSource(englishGetMessage);

beforeEach(() => {
  fakeBrowser.reset();
  // fake-browser leaves permissions unimplemented. By default every host counts as granted, as in
  // the e2e harness (the state after the user clicked Allow); tests about withheld access replace it.
  fakeBrowser.permissions.contains = async () => true;
});
