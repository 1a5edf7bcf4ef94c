import { createContext } from 'preact';
import type { RotationControls } from './rotation-state';

/**
 * Set by main.tsx; without it (tests of other views) the rotation controls are simply absent. Apart
 * from views/gitlab-rotation.tsx so that the popup entry can provide it without loading that view.
 */
export const RotationContext = createContext<RotationControls | null>(null);
