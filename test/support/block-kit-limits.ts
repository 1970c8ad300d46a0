// The checker lives in dev/ because the fake Slack server refuses what breaks these limits, as Slack does;
// tests keep importing it from here.
export { blockKitProblems, type Surface } from '../../dev/block-kit-limits';
