// Reading the JSON the app sends to Slack (views, blocks, options) without trusting its shape: the demo's people
// and its transcript look into it the way a Slack client would, and anything missing reads as empty.

export type Json = Record<string, unknown>;

export function asObject(value: unknown): Json {
  return typeof value === 'object' && value !== null ? (value as Json) : {};
}

export function asObjects(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(asObject) : [];
}

export function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A select's or radio group's options, with any option groups flattened. */
export function optionsOf(element: Json): Json[] {
  const groups = asObjects(element.option_groups);
  return groups.length > 0 ? groups.flatMap((group) => asObjects(group.options)) : asObjects(element.options);
}

/** The value of the first button with this action id in a message's blocks, or null. */
export function buttonValue(blocks: unknown, actionId: string): string | null {
  for (const block of asObjects(blocks)) {
    for (const element of asObjects(block.elements)) {
      if (element.action_id === actionId && typeof element.value === 'string') return element.value;
    }
  }
  return null;
}
