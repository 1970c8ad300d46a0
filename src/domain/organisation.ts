// A workspace's shape: its level ladder (most junior first) and its departments, and the rules an admin's
// change to them must meet. A level keeps one id for good (members hold the id), so renaming or moving it
// rewrites nobody; the matcher compares positions in the ladder, never ids. A workspace nobody has changed has
// the default ladder and departments, whose level ids are the default levels' numbers.
import { DEPARTMENTS, LEVELS } from './catalogue';

export interface OrgLevel {
  readonly id: number;
  readonly name: string;
}

export interface OrgDepartment {
  readonly name: string;
  /** Hidden for new sign-ups; the people in it keep it. */
  readonly retired: boolean;
}

export interface Organisation {
  /** From most junior to most senior. */
  readonly ladder: readonly OrgLevel[];
  /** Levels taken off the ladder: kept so earlier proposals still name them and no id is used twice. */
  readonly removedLevels: readonly OrgLevel[];
  /** In the order admins added them. */
  readonly departments: readonly OrgDepartment[];
}

export const MIN_LADDER_LEVELS = 2;
export const MAX_LADDER_LEVELS = 12;
export const MAX_LEVEL_NAME = 60;
export const MAX_DEPARTMENT_NAME = 60;
// The organisation modal lists every department as one block beside the ladder; this keeps it within a
// surface's 100 blocks (and the sign-up select within its 100 options).
export const MAX_DEPARTMENTS = 80;

export const DEFAULT_ORGANISATION: Organisation = {
  ladder: LEVELS.map((level) => ({ id: level.value, name: level.label })),
  removedLevels: [],
  departments: DEPARTMENTS.map((name) => ({ name, retired: false })),
};

/** 1 for the most junior level; null for a level not on the ladder. */
export function levelPosition(org: Organisation, levelId: number): number | null {
  const index = org.ladder.findIndex((level) => level.id === levelId);
  return index === -1 ? null : index + 1;
}

/** The level's name, also for a removed one. */
export function levelNameOf(org: Organisation, levelId: number): string {
  const level = [...org.ladder, ...org.removedLevels].find((candidate) => candidate.id === levelId);
  return level?.name ?? `Level ${levelId}`;
}

export function isLadderLevel(org: Organisation, levelId: number): boolean {
  return levelPosition(org, levelId) !== null;
}

/** Departments a new sign-up may choose. */
export function openDepartments(org: Organisation): string[] {
  return org.departments.filter((department) => !department.retired).map((department) => department.name);
}

export function isDepartment(org: Organisation, name: string): boolean {
  return org.departments.some((department) => department.name === name);
}

/** Spaces collapsed and trimmed: the form of a name that is stored and compared. */
export function cleanName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

const sameName = (a: string, b: string) => a.toLocaleLowerCase('en') === b.toLocaleLowerCase('en');

/** Where a level's holders go when their level moves or goes; their own level counts as an answer. */
export interface LevelMove {
  from: number;
  to: number;
}

export type LevelChange =
  /** position: 1-based place in the new ladder. */
  | { kind: 'add'; name: string; position: number }
  | { kind: 'edit'; levelId: number; name: string; position: number; holdersMoveTo: number | null }
  | { kind: 'remove'; levelId: number; holdersMoveTo: number | null };

export type LevelField = 'name' | 'position' | 'holders';
export type ChangeErrors<F extends string> = Partial<Record<F, string>>;

export type ChangeResult<F extends string, T> =
  { ok: true; organisation: Organisation; effect: T } | { ok: false; errors: ChangeErrors<F> };

/** What the change does to members: nothing, or everyone at one level moves to another. */
export type LevelEffect = { move: LevelMove | null; level: OrgLevel };

/**
 * Applies an admin's change to the ladder. `holders` counts the members at each level: moving or removing a
 * level that people hold needs an answer for where they are now, so nobody's seniority changes silently.
 */
export function changeLadder(
  org: Organisation,
  change: LevelChange,
  holders: ReadonlyMap<number, number>,
): ChangeResult<LevelField, LevelEffect> {
  const errors: ChangeErrors<LevelField> = {};
  const ladder = [...org.ladder];
  const held = (levelId: number) => (holders.get(levelId) ?? 0) > 0;

  if (change.kind === 'add') {
    const name = cleanName(change.name);
    const nameError = levelNameError(name, ladder, null);
    if (nameError !== null) errors.name = nameError;
    if (ladder.length >= MAX_LADDER_LEVELS)
      errors.position = `A ladder has at most ${MAX_LADDER_LEVELS} levels: remove one first.`;
    else if (!isPlace(change.position, ladder.length + 1)) errors.position = 'Choose a place from the list.';
    if (hasErrors(errors)) return { ok: false, errors };
    const used = [...org.ladder, ...org.removedLevels].map((level) => level.id);
    const level = { id: Math.max(0, ...used) + 1, name };
    ladder.splice(change.position - 1, 0, level);
    return { ok: true, organisation: { ...org, ladder }, effect: { move: null, level } };
  }

  const index = ladder.findIndex((level) => level.id === change.levelId);
  if (index === -1) return { ok: false, errors: { name: 'That level is no longer on the ladder.' } };
  const current = ladder[index]!;

  if (change.kind === 'remove') {
    if (ladder.length <= MIN_LADDER_LEVELS) {
      errors.name = `A ladder needs at least ${MIN_LADDER_LEVELS} levels.`;
      return { ok: false, errors };
    }
    const to = change.holdersMoveTo;
    if (held(current.id) && (to === null || to === current.id || !ladder.some((l) => l.id === to)))
      errors.holders = 'Choose the level the people at this level move to.';
    if (hasErrors(errors)) return { ok: false, errors };
    ladder.splice(index, 1);
    return {
      ok: true,
      organisation: { ...org, ladder, removedLevels: [...org.removedLevels, current] },
      effect: { move: held(current.id) && to !== null ? { from: current.id, to } : null, level: current },
    };
  }

  const name = cleanName(change.name);
  const nameError = levelNameError(name, ladder, current.id);
  if (nameError !== null) errors.name = nameError;
  if (!isPlace(change.position, ladder.length)) errors.position = 'Choose a place from the list.';
  const moving = change.position !== index + 1;
  const to = change.holdersMoveTo;
  if (moving && held(current.id) && (to === null || !ladder.some((level) => level.id === to)))
    errors.holders = 'This level moves: choose which level the people at it are at now.';
  if (hasErrors(errors)) return { ok: false, errors };
  const level = { id: current.id, name };
  ladder.splice(index, 1);
  ladder.splice(change.position - 1, 0, level);
  const move = moving && to !== null && to !== current.id ? { from: current.id, to } : null;
  return { ok: true, organisation: { ...org, ladder }, effect: { move, level } };
}

function levelNameError(name: string, ladder: readonly OrgLevel[], exceptId: number | null): string | null {
  if (name === '') return 'Give the level a name.';
  if (name.length > MAX_LEVEL_NAME) return `A level's name has at most ${MAX_LEVEL_NAME} characters.`;
  if (ladder.some((level) => level.id !== exceptId && sameName(level.name, name)))
    return `There is already a level called ${name}.`;
  return null;
}

export type DepartmentChange =
  | { kind: 'add'; name: string }
  /** mergeInto, when set, wins over a rename: the department goes and its people join the other one. */
  | { kind: 'edit'; department: string; name: string; retired: boolean; mergeInto: string | null };

export type DepartmentField = 'name' | 'merge';

/** What members see change: everyone in `from` is now in `to` (a rename or a merge). */
export type DepartmentEffect = {
  kind: 'added' | 'renamed' | 'merged' | 'retired' | 'restored' | 'unchanged';
  from: string;
  to: string;
};

export function changeDepartments(
  org: Organisation,
  change: DepartmentChange,
): ChangeResult<DepartmentField, DepartmentEffect> {
  const departments = [...org.departments];
  if (change.kind === 'add') {
    const name = cleanName(change.name);
    const error =
      departments.length >= MAX_DEPARTMENTS
        ? `There can be at most ${MAX_DEPARTMENTS} departments: merge some first.`
        : departmentNameError(name, departments, null);
    if (error !== null) return { ok: false, errors: { name: error } };
    departments.push({ name, retired: false });
    return {
      ok: true,
      organisation: { ...org, departments },
      effect: { kind: 'added', from: name, to: name },
    };
  }

  const index = departments.findIndex((department) => department.name === change.department);
  if (index === -1) return { ok: false, errors: { name: 'That department no longer exists.' } };
  const current = departments[index]!;

  if (change.mergeInto !== null) {
    const target = departments.find((d) => d.name === change.mergeInto && d.name !== current.name);
    if (target === undefined) return { ok: false, errors: { merge: 'Choose a department from the list.' } };
    departments.splice(index, 1);
    return {
      ok: true,
      organisation: { ...org, departments },
      effect: { kind: 'merged', from: current.name, to: target.name },
    };
  }

  const name = cleanName(change.name);
  const error = departmentNameError(name, departments, current.name);
  if (error !== null) return { ok: false, errors: { name: error } };
  departments[index] = { name, retired: change.retired };
  const kind =
    name !== current.name
      ? 'renamed'
      : change.retired === current.retired
        ? 'unchanged'
        : change.retired
          ? 'retired'
          : 'restored';
  return { ok: true, organisation: { ...org, departments }, effect: { kind, from: current.name, to: name } };
}

function departmentNameError(
  name: string,
  departments: readonly OrgDepartment[],
  except: string | null,
): string | null {
  if (name === '') return 'Give the department a name.';
  if (name.length > MAX_DEPARTMENT_NAME)
    return `A department's name has at most ${MAX_DEPARTMENT_NAME} characters.`;
  const same = departments.find((d) => d.name !== except && sameName(d.name, name));
  if (same !== undefined)
    return same.retired
      ? `There is a retired department called ${same.name}: restore it instead.`
      : `There is already a department called ${same.name}.`;
  return null;
}

function isPlace(position: number, places: number): boolean {
  return Number.isInteger(position) && position >= 1 && position <= places;
}

function hasErrors(errors: object): boolean {
  return Object.keys(errors).length > 0;
}
