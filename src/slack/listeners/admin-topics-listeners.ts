// The admin's topics modal and one topic's form. Every button and submission goes through the admin guard.
import type { AppContext } from '../../composition/app-context';
import { curateTopicsDeps } from '../../composition/use-case-deps';
import { addTopic, changeTopic, findTopic, topicsPage } from '../../use-cases/curate-topics';
import { ADMIN_ACTIONS, ADMIN_CALLBACKS, ADMIN_FIELDS } from '../../views/admin-ids';
import {
  TOPIC_GONE,
  topicAdded,
  topicChanged,
  topicEditModal,
  topicsModal,
} from '../../views/admin-topics-modals';
import { openAdminModal, registerAdminButton, registerAdminSubmission, showAdminModal } from './admin-guard';
import type { ListenerRoutes } from './listener-routes';

export function registerAdminTopicsListeners(routes: ListenerRoutes, context: AppContext): void {
  const deps = () => curateTopicsDeps(context);
  const listView = async (teamId: string, page: number, note?: string) =>
    topicsModal(await topicsPage(deps(), teamId, page), note);

  registerAdminButton(routes, context, ADMIN_ACTIONS.topics, async (click) => {
    await openAdminModal(context, click, await listView(click.teamId, 0));
  });

  registerAdminButton(routes, context, ADMIN_ACTIONS.topicsPage, async (click) => {
    const page = /^\d{1,6}$/.test(click.value) ? Number(click.value) : 0;
    await showAdminModal(context, click, await listView(click.teamId, page));
  });

  registerAdminButton(routes, context, ADMIN_ACTIONS.topicEdit, async (click) => {
    const found = /^\d{1,12}$/.test(click.value)
      ? await findTopic(deps(), click.teamId, Number(click.value))
      : null;
    await showAdminModal(
      context,
      click,
      found === null
        ? await listView(click.teamId, 0, TOPIC_GONE)
        : topicEditModal(found.topic, found.others),
    );
  });

  registerAdminSubmission(
    routes,
    context,
    ADMIN_CALLBACKS.topics,
    async ({ ack, teamId, userId, values }) => {
      const name = values[ADMIN_FIELDS.topicNew]?.[ADMIN_FIELDS.topicNew]?.value ?? '';
      const result = await addTopic(deps(), { teamId, actorId: userId, name });
      if (!result.ok) {
        await ack({ response_action: 'errors', errors: { [ADMIN_FIELDS.topicNew]: result.problem } });
        return;
      }
      await ack({ response_action: 'update', view: await listView(teamId, 0, topicAdded(result.name)) });
    },
  );

  registerAdminSubmission(
    routes,
    context,
    ADMIN_CALLBACKS.topicEdit,
    async ({ ack, teamId, userId, values, privateMetadata }) => {
      if (!/^\d{1,12}$/.test(privateMetadata)) {
        await ack({ response_action: 'update', view: await listView(teamId, 0, TOPIC_GONE) });
        return;
      }
      const mergeValue =
        values[ADMIN_FIELDS.topicMergeInto]?.[ADMIN_FIELDS.topicMergeInto]?.selected_option?.value ?? null;
      const mergeIntoId = mergeValue !== null && /^\d{1,12}$/.test(mergeValue) ? Number(mergeValue) : null;
      const ticked = values[ADMIN_FIELDS.topicRetired]?.[ADMIN_FIELDS.topicRetired]?.selected_options ?? [];
      const result = await changeTopic(deps(), {
        teamId,
        actorId: userId,
        topicId: Number(privateMetadata),
        name: values[ADMIN_FIELDS.topicName]?.[ADMIN_FIELDS.topicName]?.value ?? '',
        retired: ticked.some((option) => option.value === 'retired'),
        mergeIntoId,
      });
      if (!result.ok) {
        const field = mergeIntoId === null ? ADMIN_FIELDS.topicName : ADMIN_FIELDS.topicMergeInto;
        await ack({ response_action: 'errors', errors: { [field]: result.problem } });
        return;
      }
      await ack({
        response_action: 'update',
        view: await listView(teamId, 0, topicChanged(result.name, mergeIntoId !== null)),
      });
    },
  );
}
