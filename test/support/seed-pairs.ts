// The prompt tests' pair seeder under its former name, for test/integration/weekly-prompts.test.ts until it
// imports seedRunningPair from seed-programme.ts (it is being changed elsewhere meanwhile); then this file goes.
export { seedRunningPair as seedPair, deliveriesOf, pairRow, type SeededPair } from './seed-programme';
