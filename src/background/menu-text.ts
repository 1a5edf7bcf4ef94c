import browser from 'webextension-polyfill';
import type { MenuText } from '../shared/menu-model';
import type { FeedbackText } from './context-menu';

const t = (key: string, subs?: string | string[]) => browser.i18n.getMessage(key, subs) || key;

/** The context menu's and its notifications' words, from `_locales`. */
export const menuText: MenuText & FeedbackText = {
  addFocused: (runtime) => t('menuAddFocused', runtime),
  addFocusedUnknown: () => t('menuAddFocusedUnknown'),
  noFittingToken: (runtime) => t('menuNoFittingToken', runtime),
  addMissing: (count) => t('menuAddMissing', String(count)),
  replaceInvalid: () => t('menuReplaceInvalid'),
  addNew: () => t('menuAddNew'),
  authorizeWith: (runtime, provider) => t('menuAuthorizeWith', [runtime, provider]),
  tokenLabel: (token, count) =>
    `${token.login ?? '?'} · ${token.provider ?? ''} ···${token.lastFour}${count === undefined ? '' : ` (${count})`}`,
  resultTitle: (failed) => (failed > 0 ? t('menuResultFailedTitle', String(failed)) : t('menuResultOkTitle')),
  resultLine: (added, failed) =>
    [
      added.length > 0 ? t('menuResultAdded', added.join(', ')) : '',
      ...failed.map((f) => t('menuResultFailedLine', [f.name, f.message])),
    ]
      .filter(Boolean)
      .join('\n'),
  nothingToDo: () => t('menuNothingToDo'),
};
