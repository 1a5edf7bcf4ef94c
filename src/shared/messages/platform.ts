import * as v from 'valibot';
import { defineMessage } from './define';

/**
 * Switches to a self-hosted Codefresh platform (or back to the SaaS one with `origin: null`). The
 * options page asks for host access to the origin in the same click, before sending this; the
 * worker checks that access was granted and that policy allows the origin.
 */
export const setPlatform = defineMessage<{ readonly platformOrigin: string }>()(
  'platform/set',
  v.object({ origin: v.nullable(v.pipe(v.string(), v.maxLength(2048))) }),
);
