// What stays of a person's history once they leave: facts about a pair or proposal that cannot point back to
// them. Pure, so the rules are testable apart from the database.

import type { PairRole } from './participation';

/**
 * A proposal's stored reasons with everything about the departed side removed: every key of that side
 * (`mentorLevel`, `mentorDepartment`, `mentorName`…) becomes null, and any string equal to one of their
 * identifiers (Slack id, name) anywhere in the object becomes null. Shared facts (topics, level gap,
 * cross-department) stay so the programme's history still adds up.
 */
export function anonymiseReasons(reasons: unknown, role: PairRole, identifiers: readonly string[]): unknown {
  const forget = new Set(identifiers.filter((value) => value.trim() !== ''));
  const scrub = (value: unknown, topLevel: boolean): unknown => {
    if (typeof value === 'string') return forget.has(value) ? null : value;
    if (Array.isArray(value)) return value.map((item) => scrub(item, false));
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
      key,
      topLevel && key.startsWith(role) ? null : scrub(inner, false),
    ]);
    return Object.fromEntries(entries);
  };
  return scrub(reasons, true);
}
