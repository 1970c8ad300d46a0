// The self-service seeders under their former names, for test/integration/self-service-leave.test.ts until it
// imports them from seed-programme.ts (it is being changed elsewhere meanwhile); then this file goes, but for
// findTextEverywhere, which belongs beside countRows in test-database.ts.
import type { Db } from '../../src/storage/database';
import { seedExclusion, seedMember, seedOffer, seedRequest, type SeedPerson } from './seed-programme';

export { BEN, CARA, asFakeUsers, seedDelivery, seedFeedback, seedPair, seedProposal } from './seed-programme';
export type Person = SeedPerson & { name: string; level: number; department: string };
export const seedOpenOffer = seedOffer;
export const seedMenteeRequest = seedRequest;
export const seedExclusionOf = seedExclusion;

export function seedPerson(db: Db, person: SeedPerson, profileFetchedAt: Date): void {
  seedMember(db, { timeZone: 'Europe/London', ...person, profileFetchedAt });
}

/** Every text value in every table, with where it was found: to prove a person's id and name are gone. */
export function findTextEverywhere(db: Db, needle: string): string[] {
  const tables = db.$client
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
    )
    .all() as { name: string }[];
  const hits: string[] = [];
  for (const { name } of tables) {
    const rows = db.$client.prepare(`select * from "${name}"`).all() as Record<string, unknown>[];
    rows.forEach((row, index) => {
      for (const [column, value] of Object.entries(row)) {
        if (typeof value === 'string' && value.toLowerCase().includes(needle.toLowerCase())) {
          hits.push(`${name}[${index}].${column}`);
        }
      }
    });
  }
  return hits;
}
