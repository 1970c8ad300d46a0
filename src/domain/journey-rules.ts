// Every part of the pairing journey, in the order its messages are considered on a tick.
import { goalsRule } from './journey-goals';
import { closeRule, termRule } from './journey-term';
import type { JourneyRule } from './pairing-journey';

export const JOURNEY_RULES: readonly JourneyRule[] = [goalsRule, termRule, closeRule];
