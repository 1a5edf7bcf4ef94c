import {
  dismissRotation,
  getRotationStatus,
  type RotationAnswer,
  type RotationStatusView,
  resumeRotation,
  rotateNow,
  setAutoRotation,
} from '../../shared/messages/rotation';
import { routesOf } from '../messaging/message-router';

export interface RotationRouteDeps {
  rotate(recordId: string): Promise<RotationAnswer>;
  resume(recordId: string): Promise<RotationAnswer>;
  dismiss(recordId: string): Promise<void>;
  status(): Promise<RotationStatusView>;
  setAuto(recordId: string, days: number | null): Promise<RotationStatusView>;
}

export const rotationMessages = [
  rotateNow,
  getRotationStatus,
  resumeRotation,
  dismissRotation,
  setAutoRotation,
] as const;

export const rotationRoutes = (rotation: RotationRouteDeps) =>
  routesOf(rotationMessages, {
    [rotateNow.type]: ({ recordId }) => rotation.rotate(recordId),
    [getRotationStatus.type]: () => rotation.status(),
    [resumeRotation.type]: ({ recordId }) => rotation.resume(recordId),
    [dismissRotation.type]: async ({ recordId }) => {
      await rotation.dismiss(recordId);
      return { dismissed: true as const };
    },
    [setAutoRotation.type]: ({ recordId, days }) => rotation.setAuto(recordId, days),
  });
