// Week 0 before anyone signs up: the programme admin sets the programme up in Slack, through the same buttons
// and forms an HR admin uses (App Home's admin section): the company's level names and departments, the
// programme's name, welcome, prompt hour and (short) term, the topics, a question of the company's own at the top
// of the prompt library, the admin's weekly digest, and the launch invitation in #general, whose buttons people
// then join from. Later, the admin acts on Pair health from a weekly digest.
import { ADMIN_ACTIONS, ADMIN_FIELDS } from '../src/views/admin-ids';
import { asObject, asObjects, buttonValue, optionsOf, type Json } from './demo-block-kit-json';
import { INSTALLED_PROMPT_HOUR, MINUTE, PROMPT_HOUR } from './demo-calendar';
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
/** The company's own question, which the admin puts first: pairs' first weekly question. */
export const COMPANY_PROMPT =
  'Which of our own tools or habits would you change first if you joined the company today, and why?';
/** When the admin's weekly digest comes (their local time): just after the scheduler's Monday run in London. */
export const DIGEST = { weekday: 'monday', weekdayLabel: 'Monday', hour: PROMPT_HOUR } as const;

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
  const { press, save, modal } = adminHands(stage, admin);

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
        `${admin.name} names the programme “${PROGRAMME_NAME}”, writes a welcome, keeps the weekly question on Monday but moves it from ${INSTALLED_PROMPT_HOUR}:00 to ${PROMPT_HOUR}:00, sets a ${DEMO_TERM_WEEKS}-week term with ${DEMO_EXTENSION_WEEKS}-week extensions and saves`,
        {
          promptWeekday: 'monday',
          promptHour: String(PROMPT_HOUR),
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
    () => press(`${admin.name} clicks “Prompts” in the Home tab`, 'home', ADMIN_ACTIONS.prompts),
    () =>
      save(`${admin.name} adds a question of the company's own`, {
        [ADMIN_FIELDS.promptNew]: COMPANY_PROMPT,
      }),
    () =>
      press(
        `${admin.name} clicks “Change” beside it`,
        'modal',
        ADMIN_ACTIONS.promptEdit,
        buttonBeside(modal(), ADMIN_ACTIONS.promptEdit, COMPANY_PROMPT),
      ),
    () =>
      save(`${admin.name} moves it to the top of the list, so that pairs start with it, and saves`, {
        [ADMIN_FIELDS.promptPosition]: '1',
      }),
    () =>
      press(
        `${admin.name} closes the form and clicks “Weekly digest” in the Home tab`,
        'home',
        ADMIN_ACTIONS.digest,
      ),
    () =>
      save(
        `${admin.name} asks for the weekly digest on ${DIGEST.weekdayLabel}s at ${DIGEST.hour}:00 and saves`,
        {
          [ADMIN_FIELDS.digestEnabled]: 'yes',
          [ADMIN_FIELDS.digestWeekday]: DIGEST.weekday,
          [ADMIN_FIELDS.digestHour]: String(DIGEST.hour),
        },
      ),
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

/** How the admin works through buttons and forms: the modal on their screen follows each step. */
function adminHands(stage: DemoStage, admin: DemoPerson) {
  const { step, slack, fake } = stage;
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
  return { press, save, modal, follow };
}

/**
 * A Monday when the weekly digest lists a quiet pair and a mentee waiting long: the admin opens Pair health from
 * the digest, nudges the quiet pair (a friendly note in their group DM) and asks for a mentor to suggest to the
 * mentee (the modal says why none fits when none does; a suggested mentor gets a proposal as usual). Steps a few minutes apart from `at`.
 */
export function scheduleAdminActsOnPairHealth(stage: DemoStage, cast: DemoCast, at: number): void {
  const { schedule, step, slack, fake } = stage;
  const { admin } = cast;
  const { press, save, modal, follow } = adminHands(stage, admin);
  const steps: (() => Promise<void>)[] = [
    async () => {
      const digest = fake
        .messages(fake.channelFor([admin.id]))
        .filter((message) => JSON.stringify(message.blocks ?? []).includes(ADMIN_ACTIONS.pairHealth))
        .at(-1);
      if (digest === undefined) return;
      follow(
        await step(
          `${admin.name} reads this week's digest and clicks “Open pair health” under it`,
          admin,
          () => slack.click(admin, digest, ADMIN_ACTIONS.pairHealth, ''),
        ),
      );
    },
    async () => {
      const pair = buttonValue(modal().blocks, ADMIN_ACTIONS.nudgePair);
      if (pair === null) return;
      await press(
        `${admin.name} clicks “Nudge” under the quiet pair`,
        'modal',
        ADMIN_ACTIONS.nudgePair,
        pair,
      );
    },
    async () => {
      const request = buttonValue(modal().blocks, ADMIN_ACTIONS.suggestMentor);
      if (request === null) return;
      await press(
        `${admin.name} clicks “Suggest a mentor” for the mentee waiting longest`,
        'modal',
        ADMIN_ACTIONS.suggestMentor,
        request,
      );
    },
    async () => {
      const field = asObjects(modal().blocks).find(
        (block) => block.block_id === ADMIN_FIELDS.suggestedMentor,
      );
      const first = optionsOf(asObject(field?.element))[0];
      if (first === undefined) return;
      await save(
        `${admin.name} picks ${String(asObject(first.text).text ?? 'a mentor')} and sends the suggestion`,
        { [ADMIN_FIELDS.suggestedMentor]: String(first.value) },
      );
    },
  ];
  steps.forEach((task, index) => schedule(at + index * 3 * MINUTE, task));
}

/** Once the first terms have ended: the admin turns the weekly digest off through the same form. */
export function scheduleAdminDigestOff(stage: DemoStage, cast: DemoCast, at: number): void {
  const { admin } = cast;
  const { press, save } = adminHands(stage, admin);
  stage.schedule(at, () =>
    press(
      `${admin.name} clicks “Weekly digest” in the Home tab: with the first terms over, they want no more`,
      'home',
      ADMIN_ACTIONS.digest,
    ),
  );
  stage.schedule(at + 2 * MINUTE, () =>
    save(`${admin.name} chooses “No” under “Send me the weekly digest” and saves`, {
      [ADMIN_FIELDS.digestEnabled]: 'no',
    }),
  );
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
