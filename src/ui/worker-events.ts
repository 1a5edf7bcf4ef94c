import browser from 'webextension-polyfill';
import { type EventSubscriber, isEventOf } from '../shared/messages/define';

/**
 * The one typed subscriber to the worker's broadcasts (events declared with `defineEvent` in
 * src/shared/messages). Other messages on the channel pass by untouched.
 */
export const onWorkerEvent: EventSubscriber = (spec, listener) => {
  const onMessage = (message: unknown) => {
    if (isEventOf(spec, message)) listener(message);
    // Never an answer: requests are for the worker, and a page that answered would race it.
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
};
