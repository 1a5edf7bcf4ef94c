import { handleLeak } from '../../shared/messages/leak';
import { route } from '../message-router';
import type { Services } from '../services';

export const leakRoutes = ({ leak }: Services) => [
  route(handleLeak, ({ recordId }) => leak.handle(recordId)),
];
