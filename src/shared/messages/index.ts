import type { AnyMessageSpec } from './define';
import { getStatus } from './status';

/**
 * Every message the worker understands. The router refuses types not listed here, and a
 * meta-test checks that each has a handler and a test.
 */
export const allMessages = [getStatus] as const satisfies readonly AnyMessageSpec[];

export type AnyMessage = (typeof allMessages)[number];
