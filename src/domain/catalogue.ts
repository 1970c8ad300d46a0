// The default lists a workspace starts with, until its admins change them (organisation.ts). Levels are ordered
// from most junior to most senior; each one's number is its level id in a workspace that kept the defaults.

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
