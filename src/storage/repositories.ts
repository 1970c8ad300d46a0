// Every repository, built once over the database. Use cases take the ones they need from here.
import type { Db } from './database';
import { createMembersRepository, type MembersRepository } from './members-repository';

export interface Repositories {
  members: MembersRepository;
}

export function createRepositories(db: Db): Repositories {
  return {
    members: createMembersRepository(db),
  };
}
