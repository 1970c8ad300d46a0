import {
  changeDepartments,
  changeLadder,
  DEFAULT_ORGANISATION,
  levelNameOf,
  levelPosition,
  MAX_LADDER_LEVELS,
  openDepartments,
  type DepartmentChange,
  type LevelChange,
  type Organisation,
} from '../../src/domain/organisation';

const THREE: Organisation = {
  ladder: [
    { id: 1, name: 'Junior' },
    { id: 2, name: 'Mid' },
    { id: 3, name: 'Senior' },
  ],
  removedLevels: [{ id: 4, name: 'Old' }],
  departments: [
    { name: 'Engineering', retired: false },
    { name: 'Sales', retired: false },
    { name: 'Legacy', retired: true },
  ],
};
const TWO: Organisation = { ...THREE, ladder: THREE.ladder.slice(0, 2) };
const FULL: Organisation = {
  ...THREE,
  ladder: Array.from({ length: MAX_LADDER_LEVELS }, (_, i) => ({ id: i + 1, name: `L${i + 1}` })),
};
const nobody = new Map<number, number>();
const midHeld = new Map([[2, 3]]);

const names = (org: Organisation) => org.ladder.map((level) => level.name);

describe('the default organisation', () => {
  it('is the catalogue: level ids are the old level numbers, positions from most junior', () => {
    expect(DEFAULT_ORGANISATION.ladder[0]).toEqual({ id: 1, name: 'Intern or graduate' });
    expect(levelPosition(DEFAULT_ORGANISATION, 6)).toBe(6);
    expect(openDepartments(DEFAULT_ORGANISATION)).toContain('People/HR');
  });

  it('names a removed level, and places only levels on the ladder', () => {
    expect(levelNameOf(THREE, 4)).toBe('Old');
    expect(levelPosition(THREE, 4)).toBeNull();
    expect(openDepartments(THREE)).toEqual(['Engineering', 'Sales']);
  });
});

describe('changing the ladder', () => {
  const accepted: [string, Organisation, LevelChange, Map<number, number>, string[], unknown][] = [
    [
      'adds a level at its place with a fresh id',
      THREE,
      { kind: 'add', name: ' Lead  dev ', position: 3 },
      nobody,
      ['Junior', 'Mid', 'Lead dev', 'Senior'],
      null,
    ],
    [
      'renames a held level without moving anyone',
      THREE,
      { kind: 'edit', levelId: 2, name: 'Middle', position: 2, holdersMoveTo: null },
      midHeld,
      ['Junior', 'Middle', 'Senior'],
      null,
    ],
    [
      'moves a level nobody holds without asking',
      THREE,
      { kind: 'edit', levelId: 2, name: 'Mid', position: 3, holdersMoveTo: null },
      nobody,
      ['Junior', 'Senior', 'Mid'],
      null,
    ],
    [
      'moves a held level keeping its people on it',
      THREE,
      { kind: 'edit', levelId: 2, name: 'Mid', position: 1, holdersMoveTo: 2 },
      midHeld,
      ['Mid', 'Junior', 'Senior'],
      null,
    ],
    [
      'moves a held level and its people to another level',
      THREE,
      { kind: 'edit', levelId: 2, name: 'Mid', position: 3, holdersMoveTo: 1 },
      midHeld,
      ['Junior', 'Senior', 'Mid'],
      { from: 2, to: 1 },
    ],
    [
      'removes a held level, its people to the level chosen',
      THREE,
      { kind: 'remove', levelId: 2, holdersMoveTo: 3 },
      midHeld,
      ['Junior', 'Senior'],
      { from: 2, to: 3 },
    ],
    [
      'removes a level nobody holds',
      THREE,
      { kind: 'remove', levelId: 3, holdersMoveTo: null },
      midHeld,
      ['Junior', 'Mid'],
      null,
    ],
  ];
  it.each(accepted)('%s', (_, org, change, holders, ladder, move) => {
    const result = changeLadder(org, change, holders);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(names(result.organisation)).toEqual(ladder);
    expect(result.effect.move).toEqual(move);
  });

  it('never reuses the id of a removed level, and keeps the removed one named', () => {
    const result = changeLadder(THREE, { kind: 'add', name: 'New', position: 1 }, nobody);
    expect(result.ok && result.effect.level.id).toBe(5);
    const removed = changeLadder(THREE, { kind: 'remove', levelId: 1, holdersMoveTo: null }, nobody);
    expect(removed.ok && removed.organisation.removedLevels.map((l) => l.name)).toEqual(['Old', 'Junior']);
  });

  const refused: [string, Organisation, LevelChange, Map<number, number>, Record<string, string>][] = [
    [
      'an empty name',
      THREE,
      { kind: 'add', name: '   ', position: 1 },
      nobody,
      { name: 'Give the level a name.' },
    ],
    [
      'a duplicate name, whatever its case',
      THREE,
      { kind: 'add', name: 'SENIOR', position: 1 },
      nobody,
      { name: 'There is already a level called SENIOR.' },
    ],
    [
      'a rename onto another level',
      THREE,
      { kind: 'edit', levelId: 1, name: 'mid', position: 1, holdersMoveTo: null },
      nobody,
      { name: 'There is already a level called mid.' },
    ],
    [
      'a name that is too long',
      THREE,
      { kind: 'add', name: 'x'.repeat(61), position: 1 },
      nobody,
      { name: "A level's name has at most 60 characters." },
    ],
    [
      'a thirteenth level',
      FULL,
      { kind: 'add', name: 'One more', position: 1 },
      nobody,
      { position: 'A ladder has at most 12 levels: remove one first.' },
    ],
    [
      'a place off the ladder',
      THREE,
      { kind: 'add', name: 'New', position: 5 },
      nobody,
      { position: 'Choose a place from the list.' },
    ],
    [
      'a ladder of one level',
      TWO,
      { kind: 'remove', levelId: 1, holdersMoveTo: null },
      nobody,
      { name: 'A ladder needs at least 2 levels.' },
    ],
    [
      'moving a held level without saying where its people are',
      THREE,
      { kind: 'edit', levelId: 2, name: 'Mid', position: 3, holdersMoveTo: null },
      midHeld,
      { holders: 'This level moves: choose which level the people at it are at now.' },
    ],
    [
      'removing a held level without a level for its people',
      THREE,
      { kind: 'remove', levelId: 2, holdersMoveTo: null },
      midHeld,
      { holders: 'Choose the level the people at this level move to.' },
    ],
    [
      'removing a held level and keeping its people on it',
      THREE,
      { kind: 'remove', levelId: 2, holdersMoveTo: 2 },
      midHeld,
      { holders: 'Choose the level the people at this level move to.' },
    ],
    [
      'moving people to a removed level',
      THREE,
      { kind: 'remove', levelId: 2, holdersMoveTo: 4 },
      midHeld,
      { holders: 'Choose the level the people at this level move to.' },
    ],
    [
      'a level no longer on the ladder',
      THREE,
      { kind: 'edit', levelId: 4, name: 'Old', position: 1, holdersMoveTo: null },
      nobody,
      { name: 'That level is no longer on the ladder.' },
    ],
  ];
  it.each(refused)('refuses %s', (_, org, change, holders, errors) => {
    expect(changeLadder(org, change, holders)).toEqual({ ok: false, errors });
  });
});

describe('changing the departments', () => {
  const edit = (department: string, over: Partial<Extract<DepartmentChange, { kind: 'edit' }>>) =>
    ({ kind: 'edit', department, name: department, retired: false, mergeInto: null, ...over }) as const;
  const accepted: [string, DepartmentChange, string[], unknown][] = [
    [
      'adds one at the end',
      { kind: 'add', name: 'Data' },
      ['Engineering', 'Sales', 'Legacy', 'Data'],
      { kind: 'added', from: 'Data', to: 'Data' },
    ],
    [
      'renames one',
      edit('Sales', { name: 'Revenue' }),
      ['Engineering', 'Revenue', 'Legacy'],
      { kind: 'renamed', from: 'Sales', to: 'Revenue' },
    ],
    [
      'merges one into another',
      edit('Legacy', { mergeInto: 'Engineering' }),
      ['Engineering', 'Sales'],
      { kind: 'merged', from: 'Legacy', to: 'Engineering' },
    ],
    [
      'retires one',
      edit('Sales', { retired: true }),
      ['Engineering', 'Sales', 'Legacy'],
      { kind: 'retired', from: 'Sales', to: 'Sales' },
    ],
    [
      'restores one',
      edit('Legacy', { name: 'Legacy', retired: false }),
      ['Engineering', 'Sales', 'Legacy'],
      { kind: 'restored', from: 'Legacy', to: 'Legacy' },
    ],
  ];
  it.each(accepted)('%s', (_, change, departments, effect) => {
    const result = changeDepartments(THREE, change);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.organisation.departments.map((d) => d.name)).toEqual(departments);
    expect(result.effect).toEqual(effect);
  });

  const refused: [string, DepartmentChange, Record<string, string>][] = [
    ['an empty name', { kind: 'add', name: '' }, { name: 'Give the department a name.' }],
    [
      'a duplicate, whatever its case',
      { kind: 'add', name: 'sales' },
      { name: 'There is already a department called Sales.' },
    ],
    [
      'the name of a retired one',
      { kind: 'add', name: 'LEGACY' },
      { name: 'There is a retired department called Legacy: restore it instead.' },
    ],
    [
      'a name that is too long',
      edit('Sales', { name: 'y'.repeat(61) }),
      { name: "A department's name has at most 60 characters." },
    ],
    [
      'a merge into itself',
      edit('Sales', { mergeInto: 'Sales' }),
      { merge: 'Choose a department from the list.' },
    ],
    [
      'a merge into one that does not exist',
      edit('Sales', { mergeInto: 'Nowhere' }),
      { merge: 'Choose a department from the list.' },
    ],
    ['a department that is gone', edit('Nowhere', {}), { name: 'That department no longer exists.' }],
  ];
  it.each(refused)('refuses %s', (_, change, errors) => {
    expect(changeDepartments(THREE, change)).toEqual({ ok: false, errors });
  });

  it('refuses a department beyond the most a form can list', () => {
    const many: Organisation = {
      ...THREE,
      departments: Array.from({ length: 80 }, (_, i) => ({ name: `D${i}`, retired: false })),
    };
    expect(changeDepartments(many, { kind: 'add', name: 'One more' })).toEqual({
      ok: false,
      errors: { name: 'There can be at most 80 departments: merge some first.' },
    });
  });
});
