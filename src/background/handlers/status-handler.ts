import { getStatus } from '../../shared/messages/status';
import { route } from '../message-router';
import type { Services } from '../services';

export const statusRoutes = (services: Services) => [route(getStatus, () => services.status())];
