// A workspace's level ladder and departments. A workspace nobody has changed has no rows and the default
// organisation; the first change writes the whole organisation, so an install from before per-workspace
// ladders keeps everyone's level and department as they were. Each change, what it does to members and its
// audit entry are one transaction.
import { and, asc, count, eq, isNotNull } from 'drizzle-orm';
import {
  changeDepartments,
  changeLadder,
  DEFAULT_ORGANISATION,
  type ChangeResult,
  type DepartmentChange,
  type DepartmentEffect,
  type DepartmentField,
  type LevelChange,
  type LevelEffect,
  type LevelField,
  type Organisation,
} from '../domain/organisation';
import { recordAuditIn } from './audit-log';
import type { Db } from './database';
import { storeFor } from './store';
import { tablesOf } from './tables';

export interface OrganisationOverview {
  organisation: Organisation;
  /** Members at each level id. */
  levelHolders: Map<number, number>;
  /** Members in each department. */
  departmentMembers: Map<string, number>;
}

export interface OrganisationChange<C> {
  teamId: string;
  actorId: string;
  at: Date;
  change: C;
}

export interface OrganisationRepository {
  load(teamId: string): Promise<Organisation>;
  overview(teamId: string): Promise<OrganisationOverview>;
  changeLevel(request: OrganisationChange<LevelChange>): Promise<ChangeResult<LevelField, LevelEffect>>;
  changeDepartment(
    request: OrganisationChange<DepartmentChange>,
  ): Promise<ChangeResult<DepartmentField, DepartmentEffect>>;
}

/** The workspace's organisation, read with the connection or transaction given. */
export async function loadOrganisationIn(q: Db, teamId: string): Promise<Organisation> {
  const { workspaceLevels, workspaceDepartments } = tablesOf(q);
  const levels = await q
    .select({ id: workspaceLevels.levelId, name: workspaceLevels.name, position: workspaceLevels.position })
    .from(workspaceLevels)
    .where(eq(workspaceLevels.teamId, teamId))
    .orderBy(asc(workspaceLevels.position), asc(workspaceLevels.levelId));
  const departments = await q
    .select({ name: workspaceDepartments.name, retired: workspaceDepartments.retired })
    .from(workspaceDepartments)
    .where(eq(workspaceDepartments.teamId, teamId))
    .orderBy(asc(workspaceDepartments.position));
  return {
    ladder:
      levels.length === 0
        ? DEFAULT_ORGANISATION.ladder
        : levels.filter((l) => l.position !== null).map(({ id, name }) => ({ id, name })),
    removedLevels: levels.filter((l) => l.position === null).map(({ id, name }) => ({ id, name })),
    departments: departments.length === 0 ? DEFAULT_ORGANISATION.departments : departments,
  };
}

async function holdersIn(q: Db, teamId: string): Promise<Map<number, number>> {
  const { members } = tablesOf(q);
  const rows = await q
    .select({ level: members.level, n: count().mapWith(Number) })
    .from(members)
    .where(and(eq(members.teamId, teamId), isNotNull(members.level)))
    .groupBy(members.level);
  return new Map(rows.map((row) => [row.level!, row.n]));
}

async function departmentMembersIn(q: Db, teamId: string): Promise<Map<string, number>> {
  const { members } = tablesOf(q);
  const rows = await q
    .select({ department: members.department, n: count().mapWith(Number) })
    .from(members)
    .where(and(eq(members.teamId, teamId), isNotNull(members.department)))
    .groupBy(members.department);
  return new Map(rows.map((row) => [row.department!, row.n]));
}

/** Writes the whole organisation: the first change turns the defaults into the workspace's own rows. */
async function saveOrganisationIn(tx: Db, teamId: string, org: Organisation): Promise<void> {
  const { workspaceLevels, workspaceDepartments } = tablesOf(tx);
  await tx.delete(workspaceLevels).where(eq(workspaceLevels.teamId, teamId));
  await tx.insert(workspaceLevels).values([
    ...org.ladder.map((level, index) => ({
      teamId,
      levelId: level.id,
      name: level.name,
      position: index + 1,
    })),
    ...org.removedLevels.map((level) => ({ teamId, levelId: level.id, name: level.name, position: null })),
  ]);
  await tx.delete(workspaceDepartments).where(eq(workspaceDepartments.teamId, teamId));
  if (org.departments.length > 0)
    await tx.insert(workspaceDepartments).values(
      org.departments.map((department, index) => ({
        teamId,
        name: department.name,
        position: index + 1,
        retired: department.retired,
      })),
    );
}

export function createOrganisationRepository(db: Db): OrganisationRepository {
  const store = storeFor(db);
  const { members } = tablesOf(db);
  return {
    load: (teamId) => store.transaction((tx) => loadOrganisationIn(tx, teamId), 'read'),
    overview: (teamId) =>
      store.transaction(
        async (tx) => ({
          organisation: await loadOrganisationIn(tx, teamId),
          levelHolders: await holdersIn(tx, teamId),
          departmentMembers: await departmentMembersIn(tx, teamId),
        }),
        'read',
      ),
    changeLevel: ({ teamId, actorId, at, change }) =>
      store.transaction(async (tx) => {
        const before = await loadOrganisationIn(tx, teamId);
        const result = changeLadder(before, change, await holdersIn(tx, teamId));
        if (!result.ok) return result;
        await saveOrganisationIn(tx, teamId, result.organisation);
        const { move, level } = result.effect;
        if (move !== null)
          await tx
            .update(members)
            .set({ level: move.to, updatedAt: at })
            .where(and(eq(members.teamId, teamId), eq(members.level, move.from)));
        await recordAuditIn(tx, {
          teamId,
          actorId,
          action: LEVEL_AUDIT_ACTIONS[change.kind],
          subject: String(level.id),
          before: ladderNames(before),
          after: { ladder: ladderNames(result.organisation), holdersMovedTo: move?.to ?? null },
          at,
        });
        return result;
      }),
    changeDepartment: ({ teamId, actorId, at, change }) =>
      store.transaction(async (tx) => {
        const before = await loadOrganisationIn(tx, teamId);
        const result = changeDepartments(before, change);
        if (!result.ok || result.effect.kind === 'unchanged') return result;
        await saveOrganisationIn(tx, teamId, result.organisation);
        const { kind, from, to } = result.effect;
        if (kind === 'renamed' || kind === 'merged')
          await tx
            .update(members)
            .set({ department: to, updatedAt: at })
            .where(and(eq(members.teamId, teamId), eq(members.department, from)));
        await recordAuditIn(tx, {
          teamId,
          actorId,
          action: `department.${kind}` as const,
          subject: from,
          before: departmentNames(before),
          after: departmentNames(result.organisation),
          at,
        });
        return result;
      }),
  };
}

const LEVEL_AUDIT_ACTIONS = { add: 'level.added', edit: 'level.changed', remove: 'level.removed' } as const;

function departmentNames(org: Organisation): string[] {
  return org.departments.map((d) => (d.retired ? `${d.name} (retired)` : d.name));
}

function ladderNames(org: Organisation): string[] {
  return org.ladder.map((level) => level.name);
}
