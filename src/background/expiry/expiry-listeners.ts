import { defineListeners } from '../browser/listener-dispatch';
import { EXPIRY_ALARM, EXPIRY_NOTIFICATION_PREFIX, type ExpiryWatch } from './expiry-watch';

/**
 * The expiry watch's browser listeners: its periodic alarm runs a check (a failed one waits for the
 * next), a click on one of its notifications opens that token's rotation, and each wake keeps the
 * alarm scheduled and catches up a check the closed browser missed, after the first answer: it may
 * read every runtime's app-proxy (wake.ts).
 */
export const expiryListeners = (
  watch: Pick<ExpiryWatch, 'check' | 'openFromNotification' | 'ensureScheduled' | 'catchUp'>,
) =>
  defineListeners({
    feature: 'expiry',
    alarms: { [EXPIRY_ALARM]: () => watch.check() },
    notificationClicked: { [EXPIRY_NOTIFICATION_PREFIX]: (id: string) => watch.openFromNotification(id) },
    afterFirstAnswer: () => watch.ensureScheduled().then(() => watch.catchUp()),
  });
