import type { Route } from '../message-router';
import { statusRoute } from './status-handler';

/** One route per message in `shared/messages`; the meta-test checks nothing is missing. */
export const allRoutes: readonly Route[] = [statusRoute];
