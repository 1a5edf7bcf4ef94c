import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A view whose code is fetched the first time it is shown: a separate same-origin chunk that the
 * build emits for `import()` (the CSP allows only `script-src 'self'`, and a chunk is one). The
 * popup's first paint then parses only the views every open needs (docs/performance.md, "popup
 * JS"). Until the chunk has run it renders nothing, like the view itself with nothing to show; the
 * import starts only when a caller renders it, so callers gate it on the state that needs it.
 */
export const lazyView = <P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> => {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const LazyView = (props: P) => {
    const [, setReady] = useState(loaded !== null);
    useEffect(() => {
      if (loaded) return;
      let mounted = true;
      loading ??= load().then((view) => {
        loaded = view;
        return view;
      });
      void loading.then(() => mounted && setReady(true));
      return () => {
        mounted = false;
      };
    }, []);
    const View = loaded;
    return View ? <View {...props} /> : null;
  };
  return LazyView;
};
