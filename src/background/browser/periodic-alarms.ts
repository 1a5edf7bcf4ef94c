/**
 * The part of `browser.alarms` a periodic check needs: alarms outlive the sleeping worker, timers
 * do not. `get` tells whether the alarm is already scheduled, so a wake does not reset its period.
 */
export interface PeriodicAlarms {
  create(name: string, info: { periodInMinutes: number; delayInMinutes?: number }): unknown;
  get(name: string): Promise<unknown>;
}
