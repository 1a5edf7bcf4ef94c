import type { Page } from 'playwright-core';

/**
 * Pastes `text` into the field labelled `label` the way a clipboard paste arrives: a real `paste`
 * event carrying the text, on the focused field. (Playwright's `fill` types; it does not paste.)
 */
export const paste = async (page: Page, label: string, text: string): Promise<void> => {
  const field = page.getByLabel(label, { exact: true });
  await field.focus();
  await field.evaluate((element, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
};
