// What Slack sends back when someone submits the offer or find modal ({ [blockId]: { [actionId]: value } }),
// built from the entries a test picks instead of from the modal shown.

export interface SignupEntries {
  /** Catalogue topic ids. */
  topics?: number[];
  other?: string;
  level?: string;
  department?: string;
  /** Offer only. */
  capacity?: string;
  /** Offer only. */
  note?: string;
  /** Find only. */
  goals?: string;
  exclusions?: string[];
}

const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });

/** The modal's state values; capacity, note and goals are sent only when given, as on the modal that has them. */
export function signupFormValues(entries: SignupEntries): Record<string, Record<string, unknown>> {
  const select = (value: string | undefined) => ({
    type: 'static_select',
    selected_option: value ? option(value) : null,
  });
  const text = (value: string | undefined) => ({ type: 'plain_text_input', value: value ?? null });
  return {
    topics: {
      topics: {
        type: 'multi_static_select',
        selected_options: (entries.topics ?? []).map((id) => option(String(id))),
      },
    },
    other_topics: { other_topics: text(entries.other) },
    level: { level: select(entries.level) },
    department: { department: select(entries.department) },
    ...(entries.capacity === undefined ? {} : { capacity: { capacity: select(entries.capacity) } }),
    ...(entries.note === undefined ? {} : { note: { note: text(entries.note) } }),
    ...(entries.goals === undefined ? {} : { goals: { goals: text(entries.goals) } }),
    exclusions: { exclusions: { type: 'multi_users_select', selected_users: entries.exclusions ?? [] } },
  };
}
