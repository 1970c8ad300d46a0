// What a person is told after a self-service command, button or modal: the outcome of a pause, resume, end,
// feedback or leave, and why a button did nothing. The result shapes are the use cases' results, narrowed to
// what each answer reads.
import { pauseConfirmation } from './participation-messages';
import { mention } from './text';

export const PAUSE_USAGE =
  'To take a break, type `/mentor pause` (until you resume) or `/mentor pause 4` (for 4 weeks; any whole number from 1 to 52).';
export const MODAL_OPEN_FAILED =
  "Sorry, I couldn't open the form in time. Please try again; if it keeps failing, tell your programme admin.";
export const NO_PAIRING = 'You have no pairing to end right now. `/mentor status` shows where you stand.';
export const PAIRING_ALREADY_ENDED = 'This pairing has already ended.';
export const CHOSEN_PAIRING_ENDED = 'That pairing has already ended. Please choose another one.';
export const CHOOSE_PAUSE_LENGTH = 'Please choose how long your break lasts.';
export const NOTHING_TO_RATE = 'This pairing is no longer on record, so there is nothing to rate.';
export const FEEDBACK_ALREADY_GIVEN = 'You have already shared feedback on this pairing. Thank you!';
export const REPORT_FOR_ADMINS_ONLY = 'The report is for programme admins only.';
export const REPORT_ON_ITS_WAY = 'The full report is on its way to your direct messages with the app.';

export function notTakingPart(): string {
  return "You're not taking part yet, so there is nothing to pause. `/mentor offer` or `/mentor find` to join.";
}

export function alreadyPaused(until: Date | null): string {
  return `You are already on a break — ${pauseConfirmation(until).replace(/^You are on a break /, '')} To change it, resume first (\`/mentor resume\`) and pause again.`;
}

export function notYourPairing(): string {
  return 'This pairing is not one of yours, or it is no longer on record.';
}

export function pauseAnswer(
  result: { kind: 'not-member' } | { kind: 'already-paused' | 'paused'; pausedUntil: Date | null },
): string {
  switch (result.kind) {
    case 'not-member':
      return notTakingPart();
    case 'already-paused':
      return alreadyPaused(result.pausedUntil);
    case 'paused':
      return pauseConfirmation(result.pausedUntil);
  }
}

export function resumeAnswer(result: { kind: 'not-member' | 'not-paused' | 'resumed' }): string {
  switch (result.kind) {
    case 'not-member':
      return "You're not taking part yet, so there is no break to end. `/mentor offer` or `/mentor find` to join.";
    case 'not-paused':
      return 'You are not on a break, so there is nothing to resume. `/mentor pause` takes one.';
    case 'resumed':
      return 'Welcome back! Weekly prompts and matching pick up again, and your partners know you are back.';
  }
}

export function endAnswer(
  result:
    | { kind: 'not-in-pair' }
    | { kind: 'ended'; pair: { partnerId: string | null } }
    | { kind: 'already-ended'; feedbackStored: boolean },
): string {
  switch (result.kind) {
    case 'not-in-pair':
      return notYourPairing();
    case 'ended': {
      const partner = result.pair.partnerId === null ? 'Your partner' : mention(result.pair.partnerId);
      return `Your pairing has ended and ${partner} has been told. Thank you for your feedback — it goes to the programme admins only.`;
    }
    case 'already-ended':
      return result.feedbackStored
        ? 'This pairing had already ended. Thank you — your feedback is saved.'
        : 'This pairing had already ended, and you have already shared feedback on it. Thank you!';
  }
}

export function feedbackAnswer(result: { kind: 'not-in-pair' | 'already-given' | 'stored' }): string {
  switch (result.kind) {
    case 'not-in-pair':
      return notYourPairing();
    case 'already-given':
      return FEEDBACK_ALREADY_GIVEN;
    case 'stored':
      return 'Thank you! Your feedback is saved; only the programme admins see comments.';
  }
}

export function leaveAnswer(result: { erased: boolean }): string {
  return result.erased
    ? 'You have left Mentor Circles and your data has been erased. Your partners have been told kindly. Thank you for taking part!'
    : 'There was nothing about you in Mentor Circles to erase.';
}
