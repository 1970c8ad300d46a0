// What an offer and a request store alike: the member's profile, level and department, and their
// "don't match me with" list. Used inside the offer's or request's own transaction.
import { and, eq } from 'drizzle-orm';
import type { Db } from './database';
import { replaceExclusionsIn } from './exclusions-repository';
import { saveProfileIn, type ProfileFields } from './members-repository';
import { tablesOf } from './tables';

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

export async function saveMemberSignupIn(tx: Db, signup: MemberSignup): Promise<void> {
  const { members } = tablesOf(tx);
  const { teamId, userId } = signup;
  await saveProfileIn(tx, teamId, userId, signup.profile, signup.profileFetchedAt);
  await tx
    .update(members)
    .set({ level: signup.level, department: signup.department, updatedAt: signup.now })
    .where(and(eq(members.teamId, teamId), eq(members.userId, userId)));
  await replaceExclusionsIn(tx, teamId, userId, signup.excludedUserIds);
}
