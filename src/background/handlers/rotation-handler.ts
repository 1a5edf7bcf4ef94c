import {
  dismissRotation,
  getRotationStatus,
  type RotationAnswer,
  type RotationStatusView,
  resumeRotation,
  rotateNow,
  setAutoRotation,
} from '../../shared/messages/rotation';
import { route } from '../message-router';

export interface RotationRouteDeps {
  rotate(recordId: string): Promise<RotationAnswer>;
  resume(recordId: string): Promise<RotationAnswer>;
  dismiss(recordId: string): Promise<void>;
  status(): Promise<RotationStatusView>;
  setAuto(recordId: string, days: number | null): Promise<RotationStatusView>;
}

export const rotationRoutes = (rotation: RotationRouteDeps) => [
  route(rotateNow, ({ recordId }) => rotation.rotate(recordId)),
  route(getRotationStatus, () => rotation.status()),
  route(resumeRotation, ({ recordId }) => rotation.resume(recordId)),
  route(dismissRotation, async ({ recordId }) => {
    await rotation.dismiss(recordId);
    return { dismissed: true as const };
  }),
  route(setAutoRotation, ({ recordId, days }) => rotation.setAuto(recordId, days)),
];
