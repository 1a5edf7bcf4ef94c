import { authorizeOAuth } from '../../shared/messages/oauth';
import { route } from '../message-router';
import type { Services } from '../services';

export const oauthRoutes = ({ oauth }: Services) => [
  route(authorizeOAuth, ({ runtimeNames }) => oauth.authorize(runtimeNames)),
];
