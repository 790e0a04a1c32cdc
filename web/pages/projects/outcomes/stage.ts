/** Tag tones of the project stages, shared by the results page and the portal's results. */
import type { ProjectStage } from '../../../api/projects.ts';
import type { Tone } from '../../../components/StatusTag.tsx';

export const STAGE_TONE: Record<ProjectStage, Tone> = {
  candidate: 'grey',
  intent: 'blue',
  signed: 'purple',
  in_progress: 'orange',
  completed: 'green',
  terminated: 'red',
};
