import { AppFailure } from '../../src/shared/errors';

/** The AppFailure a promise rejects with; fails the test if it resolves or rejects otherwise. */
export const failureOf = async (promise: Promise<unknown>): Promise<AppFailure> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('expected a failure');
};
