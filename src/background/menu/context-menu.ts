import {
  buildMenu,
  type MenuText,
  menuDocumentPatterns,
  parseMenuId,
  runtimesInvalidFor,
  runtimesMissingFor,
  tokenFits,
} from '../../shared/menu-model';
import type { ApplyAnswer } from '../../shared/messages/token';
import type { SavedToken } from '../../shared/messages/vault';
import { runtimeNamedBy } from '../../shared/runtime-in-text';
import type { RuntimeView } from '../../shared/runtime-types';
import type { ToolbarBadge } from '../expiry/toolbar-badge';

export interface MenuCreateProperties {
  id: string;
  title: string;
  parentId?: string;
  enabled: boolean;
  contexts: ['all'];
  documentUrlPatterns: string[];
}

export interface ContextMenuDeps {
  readonly menus: {
    removeAll(): Promise<void>;
    create(properties: MenuCreateProperties): unknown;
  };
  readonly platformOrigins: () => readonly string[];
  readonly listRuntimes: () => Promise<readonly RuntimeView[]>;
  readonly listSaved: () => Promise<readonly SavedToken[]>;
  /** The text of the row under the pointer at the last right-click in that tab. */
  readonly focusedText: (tabId: number | undefined) => Promise<string | null>;
  readonly apply: (recordId: string, runtimeNames: readonly string[]) => Promise<ApplyAnswer>;
  /** The runtimes' Git OAuth flows (git-oauth.ts); without it the menu's authorize item does nothing. */
  readonly authorize?: (
    runtimeNames: readonly string[],
  ) => Promise<{ readonly results: ApplyAnswer['results'] }>;
  readonly notify: (title: string, message: string) => Promise<void>;
  /** The badge's owner (toolbar-badge.ts): the menu reports what its last action did. */
  readonly badge: Pick<ToolbarBadge, 'showMenuOutcome'>;
  readonly openNewTokenFlow: (runtimeName: string | null) => Promise<void>;
  readonly text: MenuText & FeedbackText;
}

export interface FeedbackText {
  resultTitle(failed: number): string;
  resultLine(added: readonly string[], failed: readonly { name: string; message: string }[]): string;
  nothingToDo(): string;
}

/**
 * The right-click menu on Codefresh settings pages. Rebuilt whenever a page reports what it shows
 * (including the row under a right-click), so the first item can name that runtime; each item's id
 * carries the runtime it was built for, and a click acts on that one. Clicks run the same token
 * service as the popup and report back by notification and badge.
 */
export const createContextMenu = (deps: ContextMenuDeps) => {
  // removeAll + create must not interleave with another rebuild, or items would be duplicated.
  let queue: Promise<void> = Promise.resolve();

  const rebuild = async (tabId: number | undefined) => {
    const [runtimes, saved, focusedText] = await Promise.all([
      deps.listRuntimes().catch(() => [] as readonly RuntimeView[]),
      deps.listSaved().catch(() => [] as readonly SavedToken[]),
      deps.focusedText(tabId),
    ]);
    const focusedRuntime = focusedText
      ? runtimeNamedBy(
          focusedText,
          runtimes.map((r) => r.name),
        )
      : null;
    const documentUrlPatterns = menuDocumentPatterns(deps.platformOrigins());
    await deps.menus.removeAll();
    for (const item of buildMenu({ focusedRuntime, runtimes, saved, text: deps.text })) {
      deps.menus.create({
        id: item.id,
        title: item.title,
        enabled: item.enabled,
        contexts: ['all'],
        documentUrlPatterns,
        ...(item.parentId ? { parentId: item.parentId } : {}),
      });
    }
  };

  const report = async (answer: Pick<ApplyAnswer, 'results'>) => {
    const added = answer.results.filter((r) => r.ok).map((r) => r.runtimeName);
    const failed = answer.results.flatMap((r) =>
      r.ok ? [] : [{ name: r.runtimeName, message: r.error.message }],
    );
    await deps.badge.showMenuOutcome({ added: added.length, failed: failed.length });
    await deps.notify(deps.text.resultTitle(failed.length), deps.text.resultLine(added, failed));
  };

  return {
    refresh(tabId?: number): Promise<void> {
      queue = queue.then(() => rebuild(tabId)).catch(() => {});
      return queue;
    },

    async handleClick(menuItemId: string | number, tabId: number | undefined): Promise<void> {
      const parsed = parseMenuId(menuItemId);
      if (!parsed) return;
      // The runtime the clicked item was built for (its id names it), never the tab's latest report:
      // the page may have reported another row since the menu opened.
      const focused = parsed.runtimeName ?? null;
      if (parsed.action === 'add-new') return deps.openNewTokenFlow(focused);
      if (parsed.action === 'oauth-focused') {
        if (!focused || !deps.authorize) return;
        try {
          await report(await deps.authorize([focused]));
        } catch (error) {
          const message =
            (error as { appError?: { message: string } }).appError?.message ?? deps.text.nothingToDo();
          await deps.badge.showMenuOutcome({ added: 0, failed: 1 });
          await deps.notify(deps.text.resultTitle(1), message);
        }
        return this.refresh(tabId);
      }
      if (!parsed.recordId) return;

      const [runtimes, saved] = await Promise.all([deps.listRuntimes(), deps.listSaved()]);
      const token = saved.find((t) => t.id === parsed.recordId);
      if (!token) return deps.notify(deps.text.resultTitle(1), deps.text.nothingToDo());
      const targets =
        parsed.action === 'add-focused'
          ? runtimes.some((r) => r.name === focused && tokenFits(token, r))
            ? [focused!]
            : []
          : parsed.action === 'add-missing'
            ? runtimesMissingFor(token, runtimes)
            : runtimesInvalidFor(token, runtimes);
      if (targets.length === 0) return deps.notify(deps.text.resultTitle(0), deps.text.nothingToDo());
      try {
        await report(await deps.apply(token.id, targets));
      } catch (error) {
        const message =
          (error as { appError?: { message: string } }).appError?.message ?? deps.text.nothingToDo();
        await deps.badge.showMenuOutcome({ added: 0, failed: targets.length });
        await deps.notify(deps.text.resultTitle(targets.length), message);
      }
      await this.refresh(tabId);
    },
  };
};

export type ContextMenu = ReturnType<typeof createContextMenu>;
