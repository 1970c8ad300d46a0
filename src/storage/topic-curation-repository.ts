// What programme admins do to a workspace's topics: add, rename, merge, retire and restore, each checked and
// written with its audit entry in one transaction. A change to an install-wide default is made on the
// workspace's own copy of it (its offers and requests moved over), so other workspaces keep the default as is.
import { and, count, eq, inArray } from 'drizzle-orm';
import { checkTopicName, visibleTopics, type CatalogueRow } from '../domain/topic-catalogue';
import { recordAuditIn } from './audit-log';
import type { Db } from './database';
import { storeFor } from './store';
import { tablesOf } from './tables';
import { catalogueRowsIn } from './topics-repository';

export interface TopicWithDemand {
  id: number;
  name: string;
  retired: boolean;
  /** Open offers to teach it. */
  offers: number;
  /** Open requests to learn it. */
  requests: number;
}

export type TopicChange = { ok: true; name: string } | { ok: false; problem: string };

interface Change {
  teamId: string;
  actorId: string;
  at: Date;
}

export interface TopicCurationRepository {
  /** Every topic the workspace has (retired too), by name, with its supply and demand. */
  listWithDemand(teamId: string): Promise<TopicWithDemand[]>;
  add(change: Change & { name: string }): Promise<TopicChange>;
  /** Renames it and retires or restores it, together: an invalid name changes nothing. */
  edit(change: Change & { topicId: number; name: string; retired: boolean }): Promise<TopicChange>;
  /** Moves the offers and requests of `topicId` to `intoId` (a person who had both keeps one) and hides it. */
  merge(change: Change & { topicId: number; intoId: number }): Promise<TopicChange>;
}

const NO_SUCH_TOPIC = 'That topic is no longer in the list.';

export function createTopicCurationRepository(db: Db): TopicCurationRepository {
  const store = storeFor(db);
  return {
    listWithDemand: (teamId) =>
      store.transaction(async (tx) => {
        const { offers, offerTopics, requests, requestTopics } = tablesOf(tx);
        const visible = visibleTopics(await catalogueRowsIn(tx, teamId), teamId);
        const supply = await tx
          .select({ topicId: offerTopics.topicId, n: count().mapWith(Number) })
          .from(offerTopics)
          .innerJoin(offers, eq(offers.id, offerTopics.offerId))
          .where(and(eq(offers.teamId, teamId), eq(offers.status, 'open')))
          .groupBy(offerTopics.topicId);
        const demand = await tx
          .select({ topicId: requestTopics.topicId, n: count().mapWith(Number) })
          .from(requestTopics)
          .innerJoin(requests, eq(requests.id, requestTopics.requestId))
          .where(and(eq(requests.teamId, teamId), eq(requests.status, 'open')))
          .groupBy(requestTopics.topicId);
        const offered = new Map(supply.map((row) => [row.topicId, row.n]));
        const wanted = new Map(demand.map((row) => [row.topicId, row.n]));
        return visible
          .sort((a, b) => (a.nameKey < b.nameKey ? -1 : a.nameKey > b.nameKey ? 1 : a.id - b.id))
          .map((row) => ({
            id: row.id,
            name: row.name,
            retired: row.retired,
            offers: offered.get(row.id) ?? 0,
            requests: wanted.get(row.id) ?? 0,
          }));
      }, 'read'),

    add: ({ teamId, actorId, at, name }) =>
      store.transaction(async (tx) => {
        const rows = await catalogueRowsIn(tx, teamId);
        const checked = checkTopicName(rows, teamId, name);
        if (!checked.ok) return checked;
        const { topics } = tablesOf(tx);
        const [added] = await tx
          .insert(topics)
          .values({ teamId, name: checked.name, nameKey: checked.nameKey, curatedAt: at })
          .returning({ id: topics.id });
        await audit(tx, { teamId, actorId, at }, 'topic.added', added!.id, null, { name: checked.name });
        return { ok: true, name: checked.name };
      }),

    edit: ({ teamId, actorId, at, topicId, name, retired }) =>
      store.transaction(async (tx) => {
        const rows = await catalogueRowsIn(tx, teamId);
        const topic = visibleTopics(rows, teamId).find((row) => row.id === topicId);
        if (topic === undefined) return { ok: false, problem: NO_SUCH_TOPIC };
        const checked = checkTopicName(rows, teamId, name, topicId);
        if (!checked.ok) return checked;
        const renamed = checked.name !== topic.name;
        const retiring = retired !== topic.retired;
        if (!renamed && !retiring) return { ok: true, name: topic.name };
        const own = await ownCopy(tx, teamId, topic, at);
        const { topics } = tablesOf(tx);
        await tx
          .update(topics)
          .set({
            name: checked.name,
            nameKey: checked.nameKey,
            retiredAt: retired ? (topic.retired ? undefined : at) : null,
            curatedAt: at,
          })
          .where(and(eq(topics.teamId, teamId), eq(topics.id, own)));
        const change = { teamId, actorId, at };
        if (renamed)
          await audit(tx, change, 'topic.renamed', own, { name: topic.name }, { name: checked.name });
        if (retiring)
          await audit(
            tx,
            change,
            retired ? 'topic.retired' : 'topic.restored',
            own,
            { name: checked.name, retired: topic.retired },
            { name: checked.name, retired },
          );
        return { ok: true, name: checked.name };
      }),

    merge: ({ teamId, actorId, at, topicId, intoId }) =>
      store.transaction(async (tx) => {
        const visible = visibleTopics(await catalogueRowsIn(tx, teamId), teamId);
        const from = visible.find((row) => row.id === topicId);
        const into = visible.find((row) => row.id === intoId);
        if (from === undefined || into === undefined) return { ok: false, problem: NO_SUCH_TOPIC };
        if (from.id === into.id) return { ok: false, problem: 'Choose another topic to merge it into.' };
        const own = await ownCopy(tx, teamId, from, at);
        await moveLinks(tx, teamId, own, into.id);
        const { topics } = tablesOf(tx);
        await tx
          .update(topics)
          .set({ mergedIntoId: into.id, curatedAt: at })
          .where(and(eq(topics.teamId, teamId), eq(topics.id, own)));
        // Topics merged into this one earlier now lead straight to where it went.
        await tx
          .update(topics)
          .set({ mergedIntoId: into.id })
          .where(and(eq(topics.teamId, teamId), eq(topics.mergedIntoId, own)));
        await tx
          .update(topics)
          .set({ curatedAt: at })
          .where(and(eq(topics.teamId, teamId), eq(topics.id, into.id)));
        await audit(
          tx,
          { teamId, actorId, at },
          'topic.merged',
          own,
          { name: from.name },
          { name: into.name, mergedInto: into.id },
        );
        return { ok: true, name: into.name };
      }),
  };
}

/**
 * The id of the workspace's own row for this topic: the topic itself, or for an install-wide default a copy made
 * now, with the workspace's offers and requests moved onto it (the copy hides the default for this workspace).
 */
async function ownCopy(tx: Db, teamId: string, topic: CatalogueRow, at: Date): Promise<number> {
  if (topic.teamId === teamId) return topic.id;
  const { topics } = tablesOf(tx);
  const [copy] = await tx
    .insert(topics)
    .values({
      teamId,
      name: topic.name,
      nameKey: topic.nameKey,
      sourceTopicId: topic.id,
      retiredAt: topic.retired ? at : null,
      curatedAt: at,
    })
    .returning({ id: topics.id });
  await moveLinks(tx, teamId, topic.id, copy!.id);
  return copy!.id;
}

/** Points this workspace's offers and requests at `to` instead of `from`, keeping one link where both were. */
async function moveLinks(tx: Db, teamId: string, from: number, to: number): Promise<void> {
  const { offers, offerTopics, requests, requestTopics } = tablesOf(tx);
  const teamOffers = tx.select({ id: offers.id }).from(offers).where(eq(offers.teamId, teamId));
  const hasTo = tx.select({ id: offerTopics.offerId }).from(offerTopics).where(eq(offerTopics.topicId, to));
  await tx
    .delete(offerTopics)
    .where(
      and(
        eq(offerTopics.topicId, from),
        inArray(offerTopics.offerId, teamOffers),
        inArray(offerTopics.offerId, hasTo),
      ),
    );
  await tx
    .update(offerTopics)
    .set({ topicId: to })
    .where(and(eq(offerTopics.topicId, from), inArray(offerTopics.offerId, teamOffers)));

  const teamRequests = tx.select({ id: requests.id }).from(requests).where(eq(requests.teamId, teamId));
  const wantsTo = tx
    .select({ id: requestTopics.requestId })
    .from(requestTopics)
    .where(eq(requestTopics.topicId, to));
  await tx
    .delete(requestTopics)
    .where(
      and(
        eq(requestTopics.topicId, from),
        inArray(requestTopics.requestId, teamRequests),
        inArray(requestTopics.requestId, wantsTo),
      ),
    );
  await tx
    .update(requestTopics)
    .set({ topicId: to })
    .where(and(eq(requestTopics.topicId, from), inArray(requestTopics.requestId, teamRequests)));
}

function audit(
  tx: Db,
  change: Change,
  action: 'topic.added' | 'topic.renamed' | 'topic.retired' | 'topic.restored' | 'topic.merged',
  topicId: number,
  before: unknown,
  after: unknown,
): Promise<void> {
  return recordAuditIn(tx, { ...change, action, subject: String(topicId), before, after });
}
