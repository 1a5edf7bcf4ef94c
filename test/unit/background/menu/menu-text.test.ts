import { describe, expect, it } from 'vitest';
import { menuText } from '../../../../src/background/menu/menu-text';

describe('the context menu words', () => {
  it('fill each message with its values, from the English catalogue', () => {
    expect(menuText.addFocused('production')).toBe('Add saved token to production');
    expect(menuText.addFocusedUnknown()).toBe('Add saved token to this runtime (right-click a runtime row)');
    expect(menuText.noFittingToken('qa')).toBe('No saved token fits qa (add one from the toolbar)');
    expect(menuText.addMissing(3)).toBe('Add saved token to all runtimes missing one (3)');
    expect(menuText.replaceInvalid()).toBe('Replace invalid tokens with…');
    expect(menuText.addNew()).toBe('Add a new token…');
    expect(menuText.authorizeWith('production', 'GitHub')).toBe('Authorize production with GitHub…');
    expect(menuText.nothingToDo()).toMatch(/^Nothing to add: no runtime needs this token now\./);
  });

  it('title and list the outcome of an add', () => {
    expect(menuText.resultTitle(0)).toBe('Git token added');
    expect(menuText.resultTitle(2)).toBe('2 runtime(s) did not take the token');
    expect(menuText.resultLine(['a', 'b'], [{ name: 'qa', message: 'app-proxy down' }])).toBe(
      'Added to a, b.\nqa: app-proxy down',
    );
    expect(menuText.resultLine([], [])).toBe('');
  });
});
