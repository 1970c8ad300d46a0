// What an offer and a request store alike: the member's profile, level and department, and their
// "don't match me with" list. Used inside the offer's or request's own transaction.
import { and, eq } from 'drizzle-orm';
import type { Db } from './database';
import { replaceExclusionsIn } from './exclusions-repository';
import { saveProfileIn, type ProfileFields } from './members-repository';
import { tablesOf } from './tables';
import { ensureTopicsIn, topicNamesIn } from './topics-repository';

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

/**
 * The topics an offer or request is saved with: the chosen catalogue topics that still exist, and the custom
 * ones typed in, created once per workspace. The form guarantees one; an empty set means a topic was removed
 * since the form was checked.
 */
export async function signupTopicIdsIn(
  tx: Db,
  teamId: string,
  input: { topicIds: readonly number[]; customTopics: readonly string[] },
): Promise<Set<number>> {
  return new Set([
    ...(await topicNamesIn(tx, teamId, input.topicIds)).keys(),
    ...(await ensureTopicsIn(tx, teamId, input.customTopics)),
  ]);
}
