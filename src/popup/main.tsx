import { render } from 'preact';
import type { rotationFinished } from '../shared/messages/rotation';
import { t } from '../ui/i18n';
import { messageRef as ref } from '../ui/message-ref';
import { followAccount } from './account-follow';
import { App } from './app';
import { browserPopupApi } from './browser-popup-api';
import { paintLastKnown } from './last-known';
import { RotationContext } from './rotation-context';
import { browserRotationApi, createRotationState, openFromExpiryNotice } from './rotation-state';
import { createPopupStore } from './store';
import { StoreContext } from './store-context';
import { createWorkerEvents } from './worker-events';

const store = createPopupStore(browserPopupApi, t, localStorage);
// GitLab rotation keeps its own small state; after a rotation the main store reads tokens again.
const rotation = createRotationState(browserRotationApi, () => store.getState().reloadSaved());
// Unfinished rotations are read once the vault is open (at start, or after unlocking).
let rotationsRead = false;
store.subscribe((state) => {
  if (state.phase !== 'ready' || rotationsRead) return;
  rotationsRead = true;
  void rotation.load();
});

// Progress of an apply and a streaming list arrive as broadcasts from the worker, applied per frame.
createWorkerEvents(store, browserPopupApi.subscribe);
// A rotation the worker finished on its own (after an unlock, say) shows its outcome here too.
browserPopupApi.subscribe(ref<typeof rotationFinished>('rotation/finished'), ({ recordId, answer }) => {
  void rotation.finishedElsewhere(recordId, answer);
});

// A sign-in that finishes after this popup opened (its own popup closed early), and a sign-out or
// sign-in on the options page while it is open, are followed.
followAccount(store, browserPopupApi.onAccountChanged);

render(
  <StoreContext.Provider value={store}>
    <RotationContext.Provider value={rotation}>
      <App />
    </RotationContext.Provider>
  </StoreContext.Provider>,
  document.getElementById('app')!,
);

// Opened as a tab by the context menu's "Add a new token…" where the browser cannot open the popup
// itself: the runtime that was right-clicked comes in the query.
const query = new URLSearchParams(location.search);
const preselected = query.get('runtime');
// Opened from an expiry notification: go straight to Rotate now or Replace everywhere for that token.
const rotate = query.get('rotate');

const tabUrl = browserPopupApi.activeTabUrl();
const started = store.getState().start(tabUrl);
// Meanwhile the last-known runtimes are painted from storage, marked as being refreshed.
void paintLastKnown(store, browserPopupApi.lastKnown(), tabUrl);
void started.then(() => {
  if (store.getState().phase !== 'ready') return;
  if (preselected) store.getState().focus(preselected);
  if (rotate) openFromExpiryNotice(store, rotation, rotate);
});
