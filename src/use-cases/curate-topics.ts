// What programme admins do to the workspace's topics in Slack. The checks and the writes (with their audit
// entries) are one transaction each in the repository; this adds the clock and the paging.
import type { Clock } from '../ports/clock';
import type {
  TopicChange,
  TopicCurationRepository,
  TopicWithDemand,
} from '../storage/topic-curation-repository';

export interface CurateTopicsDeps {
  topicCuration: TopicCurationRepository;
  clock: Clock;
}

export interface TopicsPage {
  topics: TopicWithDemand[];
  page: number;
  pageCount: number;
  total: number;
}

/** Topics per page of the admin modal: one block each, well within Slack's 100 blocks per modal. */
export const TOPICS_PER_PAGE = 40;

/** One page of the workspace's topics with supply and demand; a page past the end shows the last one. */
export async function topicsPage(deps: CurateTopicsDeps, teamId: string, page: number): Promise<TopicsPage> {
  const all = await deps.topicCuration.listWithDemand(teamId);
  const pageCount = Math.max(1, Math.ceil(all.length / TOPICS_PER_PAGE));
  const shown = Math.min(Math.max(0, page), pageCount - 1);
  return {
    topics: all.slice(shown * TOPICS_PER_PAGE, (shown + 1) * TOPICS_PER_PAGE),
    page: shown,
    pageCount,
    total: all.length,
  };
}

export async function findTopic(
  deps: CurateTopicsDeps,
  teamId: string,
  topicId: number,
): Promise<{ topic: TopicWithDemand; others: TopicWithDemand[] } | null> {
  const all = await deps.topicCuration.listWithDemand(teamId);
  const topic = all.find((candidate) => candidate.id === topicId);
  if (topic === undefined) return null;
  return { topic, others: all.filter((candidate) => candidate.id !== topicId) };
}

export function addTopic(
  deps: CurateTopicsDeps,
  request: { teamId: string; actorId: string; name: string },
): Promise<TopicChange> {
  return deps.topicCuration.add({ ...request, at: deps.clock.now() });
}

/** Merging wins over the other fields: the topic is gone afterwards, so renaming it would mean nothing. */
export function changeTopic(
  deps: CurateTopicsDeps,
  request: {
    teamId: string;
    actorId: string;
    topicId: number;
    name: string;
    retired: boolean;
    mergeIntoId: number | null;
  },
): Promise<TopicChange> {
  const { mergeIntoId, name, retired, ...change } = request;
  const at = deps.clock.now();
  if (mergeIntoId !== null) return deps.topicCuration.merge({ ...change, intoId: mergeIntoId, at });
  return deps.topicCuration.edit({ ...change, name, retired, at });
}
