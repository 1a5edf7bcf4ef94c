// Unit tests run in Node. Browser APIs come from @webext-core/fake-browser behind the
// webextension-polyfill import (the real polyfill refuses to load outside an extension).
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));

beforeEach(() => {
  fakeBrowser.reset();
});
