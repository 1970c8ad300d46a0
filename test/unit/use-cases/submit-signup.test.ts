import { DEFAULT_ORGANISATION } from '../../../src/domain/organisation';
import type { SubmittedValues } from '../../../src/domain/signup-form';
import type { Member } from '../../../src/storage/members-repository';
import { submitSignup, type SubmitSignupDeps } from '../../../src/use-cases/submit-signup';
import { DEFAULT_SETTINGS, fixedClock, recorder, silentLogger } from './fakes';

const TEAM = 'T1';
const ADA = 'U0ADA';
const opt = (value: string) => ({ text: { type: 'plain_text', text: value }, value });

function offerValues(topics: string[]): SubmittedValues {
  return {
    topics: { topics: { type: 'multi_static_select', selected_options: topics.map(opt) } },
    other_topics: { other_topics: { type: 'plain_text_input', value: null } },
    level: { level: { type: 'static_select', selected_option: opt('1') } },
    department: { department: { type: 'static_select', selected_option: opt('Engineering') } },
    capacity: { capacity: { type: 'static_select', selected_option: opt('2') } },
    note: { note: { type: 'plain_text_input', value: null } },
    exclusions: { exclusions: { type: 'multi_users_select', selected_users: [] } },
  };
}

function signupWorld(options: { catalogueFails?: boolean; saveFails?: boolean } = {}) {
  const world = recorder();
  const members = new Map<string, Member>();
  const background: (() => Promise<void>)[] = [];
  const deps: SubmitSignupDeps = {
    settingsFor: async () => DEFAULT_SETTINGS,
    organisation: { load: async () => DEFAULT_ORGANISATION },
    topics: {
      async listVisible() {
        if (options.catalogueFails === true) throw new Error('database is locked');
        return [{ id: 1, name: 'TikTok', retired: false }];
      },
    },
    members: {
      async find(teamId, userId) {
        return members.get(userId) ?? null;
      },
      async saveProfile(teamId, userId, profile, fetchedAt) {
        members.set(userId, {
          ...{ teamId, userId, ...profile, profileFetchedAt: fetchedAt },
          ...{ level: null, department: null, pausedAt: null, pausedUntil: null },
        });
      },
    },
    offers: {
      async saveOpenOffer(input) {
        if (options.saveFails === true) throw new Error('disk full');
        world.steps.push({ saved: `offer of ${input.userId} on ${input.topicIds.join(',')}` });
        const offer = { id: 1, teamId: TEAM, userId: ADA, capacity: input.capacity, note: input.note };
        return {
          offer: {
            ...offer,
            topics: [{ id: 1, name: 'TikTok' }],
            createdAt: input.now,
            updatedAt: input.now,
          },
          created: true,
        };
      },
    },
    requests: {
      async saveOpenRequest() {
        throw new Error('an offer must not be stored as a request');
      },
    },
    messenger: world.messenger,
    clock: fixedClock(),
    logger: silentLogger,
    rematch: world.rematch,
    refreshHome: world.refreshHome,
    inBackground: (work) => background.push(work),
  };
  let closed = 0;
  const submit = (topics: string[]) =>
    submitSignup(
      deps,
      { kind: 'offer', teamId: TEAM, userId: ADA, values: offerValues(topics) },
      async () => {
        closed += 1;
      },
    );
  const runBackground = async () => {
    for (const work of background.splice(0)) await work();
  };
  return { steps: world.steps, submit, closed: () => closed, runBackground };
}

describe('submitting the offer modal', () => {
  it('stores a valid offer, confirms it by DM, matches the workspace, then redraws the Home tab', async () => {
    const world = signupWorld();
    expect(await world.submit(['1'])).toEqual({ kind: 'saved' });
    expect(world.closed()).toBe(1);
    // Matching and the redraw do not hold the request: they run in the background.
    expect(world.steps).toEqual([
      { saved: `offer of ${ADA} on 1` },
      { dm: ADA, text: 'Thank you for offering to mentor!' },
    ]);
    await world.runBackground();
    expect(world.steps).toEqual([
      { saved: `offer of ${ADA} on 1` },
      { dm: ADA, text: 'Thank you for offering to mentor!' },
      { rematch: TEAM },
      { home: ADA },
    ]);
  });

  it.each([
    ['no topic at all', []],
    ['a topic that is not in the catalogue', ['99']],
  ])('answers %s with field errors and stores nothing', async (_case, topics) => {
    const world = signupWorld();
    const outcome = await world.submit(topics);
    expect(outcome.kind).toBe('invalid');
    expect(outcome.kind === 'invalid' && Object.keys(outcome.errors)).toContain('topics');
    expect(world.closed()).toBe(0);
    expect(world.steps).toEqual([]);
  });

  it('stores nothing and keeps the modal open when the form cannot be checked', async () => {
    const world = signupWorld({ catalogueFails: true });
    expect(await world.submit(['1'])).toEqual({ kind: 'check-failed' });
    expect(world.closed()).toBe(0);
    expect(world.steps).toEqual([]);
  });

  it('apologises by DM when the save fails, and neither matches nor redraws the Home tab', async () => {
    const world = signupWorld({ saveFails: true });
    expect(await world.submit(['1'])).toEqual({ kind: 'not-saved' });
    await world.runBackground();
    expect(world.closed()).toBe(1);
    expect(world.steps).toEqual([{ dm: ADA, text: expect.stringContaining('Your offer was not saved.') }]);
  });
});
