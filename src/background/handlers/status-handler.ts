import browser from 'webextension-polyfill';
import { DEFAULT_PLATFORM_ORIGIN } from '../../shared/constants';
import { getStatus, type StatusView } from '../../shared/messages/status';
import { route } from '../message-router';

export const statusRoute = route(
  getStatus,
  async (): Promise<StatusView> => ({
    version: browser.runtime.getManifest().version,
    account: null,
    vault: { mode: 'device', locked: false },
    platformOrigin: DEFAULT_PLATFORM_ORIGIN,
  }),
);
