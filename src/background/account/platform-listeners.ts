import { defineListeners } from '../browser/listener-dispatch';
import type { PlatformSettings } from './platform-settings';

/**
 * The platform's browser listener: when the extension is installed or the browser starts, the
 * content script follows a self-hosted platform (self-hosted-pages.ts), once the platform in use is
 * read from storage.
 */
export const platformListeners = (
  settings: Pick<PlatformSettings, 'ready' | 'current' | 'isDefault'>,
  followPages: (origin: string | null) => Promise<void>,
) =>
  defineListeners({
    feature: 'platform',
    installedOrStartup: () =>
      settings.ready.then(() => followPages(settings.isDefault() ? null : settings.current())),
  });
