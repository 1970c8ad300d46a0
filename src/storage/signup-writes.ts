// What an offer and a request store alike: the member's profile, level and department, and their
// "don't match me with" list. Used inside the offer's or request's own transaction.
import { and, eq } from 'drizzle-orm';
import type { Db } from './database';
import { replaceExclusionsSync } from './exclusions-repository';
import { saveProfileSync, type ProfileFields } from './members-repository';
import { members } from './schema';

export interface MemberSignup {
  teamId: string;
  userId: string;
  profile: ProfileFields;
  profileFetchedAt: Date;
  level: number;
  department: string;
  excludedUserIds: readonly string[];
  now: Date;
}

export function saveMemberSignupSync(db: Db, signup: MemberSignup): void {
  const { teamId, userId } = signup;
  saveProfileSync(db, teamId, userId, signup.profile, signup.profileFetchedAt);
  db.update(members)
    .set({ level: signup.level, department: signup.department, updatedAt: signup.now })
    .where(and(eq(members.teamId, teamId), eq(members.userId, userId)))
    .run();
  replaceExclusionsSync(db, teamId, userId, signup.excludedUserIds);
}
