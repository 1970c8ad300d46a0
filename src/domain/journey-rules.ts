// Every part of the pairing journey, in the order its messages are considered on a tick.
import { fitCheckRule } from './journey-fit-check';
import { goalsRule } from './journey-goals';
import { mentorVoiceRule } from './journey-mentor-voice';
import { closeRule, termRule } from './journey-term';
import type { JourneyRule } from './pairing-journey';

export const JOURNEY_RULES: readonly JourneyRule[] = [
  goalsRule,
  fitCheckRule,
  mentorVoiceRule,
  termRule,
  closeRule,
];
