// The pair-health view and its actions: nudge a pair, end a pairing with a reason for admins only, run
// matching now, suggest a mentor to a waiting mentee. Every button and submission goes through the admin guard.
import type { AppContext } from '../../composition/app-context';
import { adminMatchingDeps, pairActionDeps, pairHealthDeps } from '../../composition/use-case-deps';
import {
  eligibleMentors,
  endPairingAsAdmin,
  nudgePair,
  readPairHealth,
  runMatchingNow,
  suggestMentor,
} from '../../use-cases/pair-health';
import { ADMIN_ACTIONS, ADMIN_CALLBACKS, ADMIN_FIELDS } from '../../views/admin-ids';
import {
  endPairModal,
  HEALTH_NOTES,
  MAX_END_REASON_LENGTH,
  pairHealthModal,
  suggestMentorModal,
} from '../../views/admin-pair-health';
import {
  openAdminModal,
  registerAdminButton,
  registerAdminSubmission,
  showAdminModal,
  type AdminClick,
  type AdminSubmission,
} from './admin-guard';
import type { ListenerRoutes } from './listener-routes';

const ID = /^\d{1,12}$/;
const idOf = (value: string): number | null => (ID.test(value) ? Number(value) : null);

export function registerPairHealthListeners(routes: ListenerRoutes, context: AppContext): void {
  const button = (actionId: string, handle: (click: AdminClick) => Promise<void>) =>
    registerAdminButton(routes, context, actionId, handle);
  const submission = (callbackId: string, handle: (submission: AdminSubmission) => Promise<void>) =>
    registerAdminSubmission(routes, context, callbackId, handle);
  const healthView = async (teamId: string, page: number, note?: string) =>
    pairHealthModal(await readPairHealth(pairHealthDeps(context), teamId), context.clock.now(), page, note);
  const showHealth = async (click: AdminClick, note?: string, page = 0) =>
    showAdminModal(context, click, await healthView(click.teamId, page, note));

  button(ADMIN_ACTIONS.pairHealth, async (click) => {
    await openAdminModal(context, click, await healthView(click.teamId, 0));
  });

  button(ADMIN_ACTIONS.pairHealthPage, async (click) => {
    await showHealth(click, undefined, idOf(click.value) ?? 0);
  });

  button(ADMIN_ACTIONS.nudgePair, async (click) => {
    const pairId = idOf(click.value);
    if (pairId === null) return showHealth(click);
    const result = await nudgePair(pairActionDeps(context), {
      teamId: click.teamId,
      actorId: click.userId,
      pairId,
    });
    const note =
      result === 'nudged'
        ? HEALTH_NOTES.nudged
        : result === 'not-running'
          ? HEALTH_NOTES.notRunning
          : HEALTH_NOTES.notDelivered;
    await showHealth(click, note);
  });

  button(ADMIN_ACTIONS.endPair, async (click) => {
    const pairId = idOf(click.value);
    const pair =
      pairId === null ? null : await context.repos.pairHealth.findRunningPair(click.teamId, pairId);
    if (pair === null) return showHealth(click, HEALTH_NOTES.notRunning);
    await showAdminModal(context, click, endPairModal(pair));
  });

  submission(ADMIN_CALLBACKS.endPair, async ({ ack, teamId, userId, values, privateMetadata }) => {
    const pairId = idOf(privateMetadata);
    const reason = (values[ADMIN_FIELDS.endReason]?.[ADMIN_FIELDS.endReason]?.value ?? '').trim();
    if (reason === '' || reason.length > MAX_END_REASON_LENGTH) {
      await ack({
        response_action: 'errors',
        errors: {
          [ADMIN_FIELDS.endReason]:
            reason === ''
              ? 'Say why, for the other admins.'
              : `Keep it under ${MAX_END_REASON_LENGTH} characters.`,
        },
      });
      return;
    }
    if (pairId === null) {
      await ack({ response_action: 'update', view: await healthView(teamId, 0, HEALTH_NOTES.notRunning) });
      return;
    }
    await endPairingAsAdmin(
      pairActionDeps(context),
      { teamId, actorId: userId, pairId, reason },
      async (result) => {
        const note = result === 'ended' ? HEALTH_NOTES.ended : HEALTH_NOTES.notRunning;
        await ack({ response_action: 'update', view: await healthView(teamId, 0, note) });
      },
    );
  });

  button(ADMIN_ACTIONS.runMatching, async (click) => {
    const result = await runMatchingNow(adminMatchingDeps(context), {
      teamId: click.teamId,
      actorId: click.userId,
    });
    await showHealth(click, HEALTH_NOTES.matched(result.proposed, result.waitlisted));
  });

  button(ADMIN_ACTIONS.suggestMentor, async (click) => {
    const requestId = idOf(click.value);
    const deps = adminMatchingDeps(context).matching;
    const found = requestId === null ? null : await eligibleMentors(deps, click.teamId, requestId);
    if (requestId === null || found === null) return showHealth(click, HEALTH_NOTES.notEligible);
    const names = await context.repos.pairHealth.namesOf(
      click.teamId,
      found.mentors.map((mentor) => mentor.mentorId),
    );
    await showAdminModal(context, click, suggestMentorModal(requestId, found.menteeId, found.mentors, names));
  });

  submission(ADMIN_CALLBACKS.suggestMentor, async ({ ack, teamId, userId, values, privateMetadata }) => {
    const requestId = idOf(privateMetadata);
    const offerId = idOf(
      values[ADMIN_FIELDS.suggestedMentor]?.[ADMIN_FIELDS.suggestedMentor]?.selected_option?.value ?? '',
    );
    if (offerId === null) {
      await ack({
        response_action: 'errors',
        errors: { [ADMIN_FIELDS.suggestedMentor]: 'Choose a mentor.' },
      });
      return;
    }
    const result =
      requestId === null
        ? 'not-eligible'
        : await suggestMentor(adminMatchingDeps(context), { teamId, actorId: userId, requestId, offerId });
    const note =
      result === 'proposed'
        ? HEALTH_NOTES.proposed
        : result === 'not-eligible'
          ? HEALTH_NOTES.notEligible
          : HEALTH_NOTES.proposalNotDelivered;
    await ack({ response_action: 'update', view: await healthView(teamId, 0, note) });
  });
}
