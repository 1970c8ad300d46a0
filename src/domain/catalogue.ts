// The default catalogues a workspace starts with. Levels are ordered from most junior (1) to most
// senior (6): the matcher compares these numbers, and the modals list them in this order.

export interface Level {
  readonly value: number;
  readonly label: string;
}

export const LEVELS: readonly Level[] = [
  { value: 1, label: 'Intern or graduate' },
  { value: 2, label: 'Individual contributor' },
  { value: 3, label: 'Senior individual contributor or team lead' },
  { value: 4, label: 'Manager' },
  { value: 5, label: 'Senior manager or director' },
  { value: 6, label: 'Executive (VP and above)' },
];

export const DEPARTMENTS: readonly string[] = [
  'Engineering',
  'Product',
  'Design',
  'Marketing',
  'Sales',
  'Customer success',
  'Operations',
  'Finance',
  'People/HR',
  'Legal',
  'Executive office',
];

export function levelLabel(value: number): string {
  return LEVELS.find((level) => level.value === value)?.label ?? `Level ${value}`;
}

export function isKnownLevel(value: number): boolean {
  return LEVELS.some((level) => level.value === value);
}

export function isKnownDepartment(name: string): boolean {
  return DEPARTMENTS.includes(name);
}
