import browser from 'webextension-polyfill';

/** Sections of the options page a popup can send the user to, with the runtime they are about. */
export type OptionsSection = 'overrides' | 'diagnostics';

const PAGE = 'src/options/index.html';

/** Opens the options page in a tab at `section`, about `runtimeName` (no secret goes in the URL). */
export const openOptionsAt = (section: OptionsSection, runtimeName: string): Promise<unknown> =>
  browser.tabs.create({
    url: `${browser.runtime.getURL(PAGE)}?runtime=${encodeURIComponent(runtimeName)}#${section}`,
  });

/** The runtime the options page was opened about (`?runtime=`), if any. */
export const runtimeFromOptionsUrl = (search: string): string | null =>
  new URLSearchParams(search).get('runtime');
