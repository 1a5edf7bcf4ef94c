import browser from 'webextension-polyfill';
import { createWorkerClient } from '../shared/messages/client';

/** The typed channel from an extension page (popup, options) to the background worker. */
export const askWorker = createWorkerClient((message) => browser.runtime.sendMessage(message));
