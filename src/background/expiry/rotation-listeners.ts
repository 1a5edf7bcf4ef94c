import { defineListeners } from '../browser/listener-dispatch';
import { AUTO_ROTATION_ALARM, type AutoRotation } from './auto-rotation';

export interface RotationListenerDeps {
  readonly auto: Pick<AutoRotation, 'check'>;
  /** At worker start: finish what a stopped worker left, then keep the automatic check scheduled. */
  start(): Promise<void>;
  /** Which platform is in use, read from storage at each wake: the jobs talk to its runtimes. */
  platformKnown(): Promise<void>;
}

/**
 * GitLab rotation's browser listeners (issue 24): the automatic rotation's alarm runs its check,
 * and a rotation a stopped worker left half done is finished from what it saved, after the first
 * answer: it talks to the runtimes' app-proxies.
 */
export const rotationListeners = (deps: RotationListenerDeps) =>
  defineListeners({
    feature: 'rotation',
    alarms: { [AUTO_ROTATION_ALARM]: () => deps.auto.check() },
    afterFirstAnswer: () => deps.platformKnown().then(() => deps.start()),
  });
