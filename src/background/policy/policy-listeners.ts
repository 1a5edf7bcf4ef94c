import { defineListeners } from '../browser/listener-dispatch';
import type { PolicyService } from './policy-service';

/**
 * The administrator policy's browser listeners. The first managed-storage read is slow in Chromium
 * (docs/performance.md), so it starts right after a wake's first answer, which shows the policy read
 * last time; a change of the policy makes the next read a fresh one.
 */
export const policyListeners = (policy: Pick<PolicyService, 'prewarm' | 'invalidate'>) =>
  defineListeners({
    feature: 'policy',
    afterFirstAnswer: () => policy.prewarm(),
    managedPolicyChanged: () => policy.invalidate(),
  });
