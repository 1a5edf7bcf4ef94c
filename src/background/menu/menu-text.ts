import { text } from '../../shared/i18n';
import type { MenuText } from '../../shared/menu-model';
import type { FeedbackText } from './context-menu';

/** The context menu's and its notifications' words, from `_locales`. */
export const menuText: MenuText & FeedbackText = {
  addFocused: (runtime) => text('menuAddFocused', [runtime]),
  addFocusedUnknown: () => text('menuAddFocusedUnknown'),
  noFittingToken: (runtime) => text('menuNoFittingToken', [runtime]),
  addMissing: (count) => text('menuAddMissing', [count]),
  replaceInvalid: () => text('menuReplaceInvalid'),
  addNew: () => text('menuAddNew'),
  authorizeWith: (runtime, provider) => text('menuAuthorizeWith', [runtime, provider]),
  tokenLabel: (token, count) =>
    `${token.login ?? '?'} · ${token.provider ?? ''} ···${token.lastFour}${count === undefined ? '' : ` (${count})`}`,
  resultTitle: (failed) => (failed > 0 ? text('menuResultFailedTitle', [failed]) : text('menuResultOkTitle')),
  resultLine: (added, failed) =>
    [
      added.length > 0 ? text('menuResultAdded', [added.join(', ')]) : '',
      ...failed.map((f) => text('menuResultFailedLine', [f.name, f.message])),
    ]
      .filter(Boolean)
      .join('\n'),
  nothingToDo: () => text('menuNothingToDo'),
};
