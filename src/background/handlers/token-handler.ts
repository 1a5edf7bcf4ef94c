import { applyToken, discardDraft, removeFromRuntime, validateToken } from '../../shared/messages/token';
import { route } from '../message-router';
import type { Services } from '../services';

export const tokenRoutes = ({ tokens }: Services) => [
  route(validateToken, ({ token, runtimeName, username }) => tokens.validate(token, runtimeName, username)),
  route(applyToken, ({ source, runtimeNames, keep }) => tokens.apply(source, runtimeNames, keep)),
  route(removeFromRuntime, ({ runtimeName }) => tokens.removeFromRuntime(runtimeName)),
  route(discardDraft, async ({ draftId }) => tokens.discardDraft(draftId)),
];
