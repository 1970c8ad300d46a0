// Week 0 before anyone signs up: the programme admin sets the programme up in Slack, through the same buttons
// and forms an HR admin uses (App Home's admin section): the company's level names and departments, the
// programme's name, welcome and (short) term, the topics, and the launch invitation in #general, whose buttons people then
// join from.
import { ADMIN_ACTIONS, ADMIN_FIELDS } from '../src/views/admin-ids';
import { asObject, asObjects, type Json } from './demo-block-kit-json';
import { MINUTE } from './demo-calendar';
import type { DemoCast } from './demo-cast';
import type { DemoPerson } from './demo-company';
import { formValues } from './demo-forms';
import type { DemoStage } from './demo-stage';
import type { PostedMessage, RecordedCall } from './fake-slack-server';

export const LAUNCH_CHANNEL = { id: 'C0GENERAL', name: 'general' } as const;

export const PROGRAMME_NAME = 'Learn Forward';
const WELCOME =
  'Learn Forward pairs colleagues early in their career with senior leaders who want to learn from them: one conversation every few weeks, one question a week to start it.';

/**
 * A short term, so that the demo's weeks hold a pairing's whole journey: goals, the fit check, the midpoint,
 * the choice to extend or wrap up, the close and a follow-up 30 days later.
 */
export const DEMO_TERM_WEEKS = 6;
export const DEMO_EXTENSION_WEEKS = 4;

/** The company's own names for two of the built-in levels (by level id); the ladder's order stays. */
const LEVEL_NAMES = new Map<number, string>([
  [1, 'Graduate or apprentice'],
  [6, 'Executive'],
]);
const RENAMED_DEPARTMENT = { from: 'People/HR', to: 'People & Culture' } as const;
const NEW_DEPARTMENT = 'Data & AI';

/** A level's name on the company's ladder once the admin has named it (the built-in name otherwise). */
export function demoLevelName(level: number, builtIn: (level: number) => string): string {
  return LEVEL_NAMES.get(level) ?? builtIn(level);
}

export interface AdminSetup {
  /** When the invitation is posted: sign-ups come after it. */
  launchAt: number;
  /** The invitation as posted, once it is. */
  invitation(): PostedMessage | undefined;
}

/** Puts the admin's set-up on the agenda, one step a minute or two apart from `at`. */
export function scheduleAdminSetup(stage: DemoStage, cast: DemoCast, at: number): AdminSetup {
  const { schedule, step, slack, fake } = stage;
  const { admin } = cast;
  let invitation: PostedMessage | undefined;

  /** The modal on the admin's screen after a step: the one the app opened or updated last. */
  function follow(calls: readonly RecordedCall[]): void {
    const shown = calls.filter((call) => call.method === 'views.open' || call.method === 'views.update');
    const last = shown.at(-1);
    if (last === undefined) return;
    const id =
      last.method === 'views.update' ? String(last.params.view_id) : (fake.lastViewId() ?? undefined);
    slack.showModal(admin.id, { ...asObject(last.params.view), ...(id === undefined ? {} : { id }) });
  }
  const modal = (): Json => slack.modalOf(admin.id) ?? {};
  const press = async (headline: string, where: 'home' | 'modal', actionId: string, value = '') =>
    follow(await step(headline, admin, () => slack.clickInView(admin, where, actionId, value)));
  const save = async (headline: string, changes: Parameters<typeof formValues>[1]) =>
    follow(await step(headline, admin, () => slack.submit(admin, formValues(modal(), changes))));

  const steps: (() => Promise<void>)[] = [
    async () => {
      await step(
        `${admin.name} (programme admin) opens the app's Home tab: the admin section is there`,
        admin,
        async () => {
          await slack.event({
            type: 'app_home_opened',
            user: admin.id,
            channel: fake.channelFor([admin.id]),
            tab: 'home',
            event_ts: `${Math.floor(stage.now() / 1000)}.000050`,
          });
          return [];
        },
      );
    },
    () => press(`${admin.name} clicks “Levels and departments”`, 'home', ADMIN_ACTIONS.organisation),
    ...[...LEVEL_NAMES].flatMap(([levelId, name]) => [
      () =>
        press(
          `${admin.name} clicks “Edit” beside level ${levelId}`,
          'modal',
          ADMIN_ACTIONS.editLevel,
          String(levelId),
        ),
      () =>
        save(`${admin.name} renames it “${name}” to match the company's ladder and saves`, {
          [ADMIN_FIELDS.levelName]: name,
        }),
    ]),
    () =>
      press(
        `${admin.name} clicks “Edit” beside ${RENAMED_DEPARTMENT.from}`,
        'modal',
        ADMIN_ACTIONS.editDepartment,
        RENAMED_DEPARTMENT.from,
      ),
    async () => {
      await save(`${admin.name} renames it “${RENAMED_DEPARTMENT.to}” and saves`, {
        [ADMIN_FIELDS.departmentName]: RENAMED_DEPARTMENT.to,
      });
      // Its people moved with it; colleagues signing up from now on choose it by its new name.
      for (const person of cast.people) {
        if (person.department === RENAMED_DEPARTMENT.from) person.department = RENAMED_DEPARTMENT.to;
      }
    },
    () => press(`${admin.name} clicks “Add a department”`, 'modal', ADMIN_ACTIONS.editDepartment, ''),
    () =>
      save(`${admin.name} types “${NEW_DEPARTMENT}” and saves`, {
        [ADMIN_FIELDS.departmentName]: NEW_DEPARTMENT,
      }),
    () =>
      press(
        `${admin.name} closes the form and clicks “Settings” in the Home tab`,
        'home',
        ADMIN_ACTIONS.settings,
      ),
    () =>
      save(
        `${admin.name} names the programme “${PROGRAMME_NAME}”, writes a welcome, sets a ${DEMO_TERM_WEEKS}-week term with ${DEMO_EXTENSION_WEEKS}-week extensions and saves`,
        {
          programmeName: PROGRAMME_NAME,
          welcomeText: WELCOME,
          pairTermWeeks: String(DEMO_TERM_WEEKS),
          extensionWeeks: String(DEMO_EXTENSION_WEEKS),
        },
      ),
    () => press(`${admin.name} clicks “Topics” in the Home tab`, 'home', ADMIN_ACTIONS.topics),
    () => save(`${admin.name} adds the topic “Podcasting”`, { [ADMIN_FIELDS.topicNew]: 'Podcasting' }),
    () => save(`${admin.name} adds the topic “AI assistants”`, { [ADMIN_FIELDS.topicNew]: 'AI assistants' }),
    () =>
      press(
        `${admin.name} notices “AI assistants” says the same as “Generative AI tools” and clicks “Change” beside it`,
        'modal',
        ADMIN_ACTIONS.topicEdit,
        buttonBeside(modal(), ADMIN_ACTIONS.topicEdit, 'AI assistants'),
      ),
    () =>
      save(`${admin.name} merges it into “Generative AI tools” and saves`, {
        [ADMIN_FIELDS.topicMergeInto]: { label: 'Generative AI tools' },
      }),
    () =>
      press(`${admin.name} clicks “Post an invitation” in the Home tab`, 'home', ADMIN_ACTIONS.invitation),
    async () => {
      await save(`${admin.name} picks #${LAUNCH_CHANNEL.name} and presses “Post”`, {
        [ADMIN_FIELDS.invitationChannel]: LAUNCH_CHANNEL.id,
      });
      invitation = fake.messages(LAUNCH_CHANNEL.id).at(-1);
    },
  ];
  steps.forEach((task, index) => schedule(at + index * 2 * MINUTE, task));
  return { launchAt: at + steps.length * 2 * MINUTE, invitation: () => invitation };
}

/** The value of the button with this action id in the section that names `text`. */
function buttonBeside(view: Json, actionId: string, text: string): string {
  for (const block of asObjects(view.blocks)) {
    const accessory = asObject(block.accessory);
    if (accessory.action_id !== actionId) continue;
    if (String(asObject(block.text).text ?? '').includes(text)) return String(accessory.value ?? '');
  }
  throw new Error(`no ${actionId} button beside “${text}”`);
}

/** Who joins from the invitation's buttons rather than typing /mentor: every fourth sign-up, in every city. */
export function joinsFromInvitation(person: DemoPerson, index: number): boolean {
  return person.role !== 'admin' && index % 4 === 1;
}
