import { createAppProxyClient } from './app-proxy-client';
import { createPlatformClient } from './platform-client';

/**
 * The platform and app-proxy clients, built again on every call: they are cheap to build, and
 * building them per call follows a platform switch at once.
 */
export const perCallClients = (fetch: typeof globalThis.fetch, platformOrigin: () => string) => {
  const platformClient = () => createPlatformClient({ fetch, platformOrigin: platformOrigin() });
  const platform: ReturnType<typeof createPlatformClient> = {
    me: (...args) => platformClient().me(...args),
    runtimes: (...args) => platformClient().runtimes(...args),
    meAndRuntimes: (...args) => platformClient().meAndRuntimes(...args),
    runtime: (...args) => platformClient().runtime(...args),
  };
  const appProxyClient = () => createAppProxyClient({ fetch, platformOrigin: platformOrigin() });
  const appProxy: ReturnType<typeof createAppProxyClient> = {
    gitIntegration: (...args) => appProxyClient().gitIntegration(...args),
    register: (...args) => appProxyClient().register(...args),
    deregister: (...args) => appProxyClient().deregister(...args),
  };
  return { platform, appProxy };
};
