import { generateCompany } from './matching/company';
import { proposeMatches } from '../src/domain/matching';
import { eligibleGraph } from './matching/graph';
import { certifyingPrices, dualBound } from './matching/exact';
import { mentorOfProposals } from './matching/metrics';
for (const regime of ['balanced', 'scarce'] as const) {
  const input = generateCompany({ participants: 10000, regime, seed: 1 });
  let t = performance.now();
  const r = proposeMatches({ ...input, maxCandidatesPerMentee: Infinity });
  console.log(regime, 'unlimited', r.totalScore, r.upperBound, (performance.now() - t).toFixed(0));
  const fg = eligibleGraph(input);
  t = performance.now();
  const p = certifyingPrices(fg, mentorOfProposals(input, r));
  console.log('cert', p && dualBound(fg, p), (performance.now() - t).toFixed(0));
}
