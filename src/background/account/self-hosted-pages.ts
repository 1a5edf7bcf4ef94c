const SCRIPT_ID = 'codefresh-page-self-hosted';

export interface ScriptingLike {
  registerContentScripts(
    scripts: { id: string; matches: string[]; js: string[]; runAt: 'document_idle' }[],
  ): Promise<void>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
  getRegisteredContentScripts(filter: { ids: string[] }): Promise<{ id: string }[]>;
}

/**
 * The manifest's content script runs on g.codefresh.io only. For a self-hosted platform the same
 * built script is registered at run time, on that origin alone, once the user granted access to it.
 */
export const createSelfHostedPages = (deps: {
  scripting: ScriptingLike;
  contentScriptFiles: () => string[];
}) => ({
  async follow(origin: string | null): Promise<void> {
    const registered = await deps.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
    if (registered.length > 0) await deps.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    if (!origin) return;
    await deps.scripting.registerContentScripts([
      { id: SCRIPT_ID, matches: [`${origin}/*`], js: deps.contentScriptFiles(), runAt: 'document_idle' },
    ]);
  },
});
