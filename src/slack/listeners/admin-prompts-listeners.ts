// The admin's prompt library modal and one prompt's form. Every button and submission goes through the admin
// guard; the changes are the same use case the `mentor-circles prompts` commands use.
import type { AppContext } from '../../composition/app-context';
import { editPromptLibraryDeps } from '../../composition/use-case-deps';
import {
  addPrompt,
  changePrompt,
  libraryPage,
  PROMPT_MAX_LENGTH,
  PROMPTS_PER_PAGE,
} from '../../use-cases/edit-prompt-library';
import { ADMIN_ACTIONS, ADMIN_CALLBACKS, ADMIN_FIELDS } from '../../views/admin-ids';
import {
  PROMPT_GONE,
  promptAdded,
  promptEditModal,
  promptSaved,
  promptsModal,
} from '../../views/admin-prompts-modals';
import { openAdminModal, registerAdminButton, registerAdminSubmission, showAdminModal } from './admin-guard';
import type { ListenerRoutes } from './listener-routes';

const LIMITS = { maxLength: PROMPT_MAX_LENGTH };

export function registerAdminPromptsListeners(routes: ListenerRoutes, context: AppContext): void {
  const deps = () => editPromptLibraryDeps(context);
  const listView = async (teamId: string, page: number, note?: string) =>
    promptsModal(await libraryPage(deps(), teamId, page), LIMITS, note);
  const pageOf = (position: number) => Math.floor((position - 1) / PROMPTS_PER_PAGE);

  registerAdminButton(routes, context, ADMIN_ACTIONS.prompts, async (click) => {
    await openAdminModal(context, click, await listView(click.teamId, 0));
  });

  registerAdminButton(routes, context, ADMIN_ACTIONS.promptsPage, async (click) => {
    const page = /^\d{1,6}$/.test(click.value) ? Number(click.value) : 0;
    await showAdminModal(context, click, await listView(click.teamId, page));
  });

  registerAdminButton(routes, context, ADMIN_ACTIONS.promptEdit, async (click) => {
    const library = await deps().prompts.list(click.teamId);
    const prompt = /^\d{1,12}$/.test(click.value)
      ? library.find((candidate) => candidate.id === Number(click.value))
      : undefined;
    await showAdminModal(
      context,
      click,
      prompt === undefined
        ? await listView(click.teamId, 0, PROMPT_GONE)
        : promptEditModal(prompt, library.length, LIMITS),
    );
  });

  registerAdminSubmission(
    routes,
    context,
    ADMIN_CALLBACKS.prompts,
    async ({ ack, teamId, userId, values }) => {
      const text = values[ADMIN_FIELDS.promptNew]?.[ADMIN_FIELDS.promptNew]?.value ?? '';
      const result = await addPrompt(deps(), { teamId, actorId: userId }, text);
      if (!result.ok) {
        await ack({ response_action: 'errors', errors: { [ADMIN_FIELDS.promptNew]: result.problem } });
        return;
      }
      const { position } = result.value;
      await ack({
        response_action: 'update',
        view: await listView(teamId, pageOf(position), promptAdded(position)),
      });
    },
  );

  registerAdminSubmission(
    routes,
    context,
    ADMIN_CALLBACKS.promptEdit,
    async ({ ack, teamId, userId, values, privateMetadata }) => {
      if (!/^\d{1,12}$/.test(privateMetadata)) {
        await ack({ response_action: 'update', view: await listView(teamId, 0, PROMPT_GONE) });
        return;
      }
      const positionText = (
        values[ADMIN_FIELDS.promptPosition]?.[ADMIN_FIELDS.promptPosition]?.value ?? ''
      ).trim();
      if (!/^\d{1,6}$/.test(positionText) || Number(positionText) < 1) {
        await ack({
          response_action: 'errors',
          errors: { [ADMIN_FIELDS.promptPosition]: 'Give a whole number from 1.' },
        });
        return;
      }
      const ticked = values[ADMIN_FIELDS.promptEnabled]?.[ADMIN_FIELDS.promptEnabled]?.selected_options ?? [];
      const result = await changePrompt(deps(), { teamId, actorId: userId }, Number(privateMetadata), {
        text: values[ADMIN_FIELDS.promptText]?.[ADMIN_FIELDS.promptText]?.value ?? '',
        position: Number(positionText),
        enabled: ticked.some((option) => option.value === 'enabled'),
      });
      if (!result.ok) {
        const unknown = result.problem.startsWith('There is no prompt');
        await ack(
          unknown
            ? { response_action: 'update', view: await listView(teamId, 0, PROMPT_GONE) }
            : { response_action: 'errors', errors: { [ADMIN_FIELDS.promptText]: result.problem } },
        );
        return;
      }
      const { position } = result.value;
      await ack({
        response_action: 'update',
        view: await listView(teamId, pageOf(position), promptSaved(position)),
      });
    },
  );
}
