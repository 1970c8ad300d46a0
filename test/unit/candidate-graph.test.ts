import { buildCandidates } from '../../src/domain/candidate-graph';
import { isEligible, pastPairKeys, scoreMatch } from '../../src/domain/match-rules';
import { mulberry32, randomInstance } from '../support/match-input';

describe('buildCandidates', () => {
  const problem = randomInstance(mulberry32(11), { mentees: 40, mentors: 30, topics: 4, maxCapacity: 2 });

  it('has an edge exactly for every eligible pair when nothing is cut', () => {
    const past = pastPairKeys(problem.pastPairs);
    const expected = problem.mentees.flatMap((request, menteeIndex) =>
      problem.mentors.flatMap((offer, mentorIndex) =>
        isEligible(offer, request, problem.minLevelGap, past) ? [`${menteeIndex}:${mentorIndex}`] : [],
      ),
    );
    const edges = buildCandidates({ ...problem, maxCandidatesPerMentee: Infinity });
    expect(edges.map((edge) => `${edge.menteeIndex}:${edge.mentorIndex}`).sort()).toEqual(expected.sort());
    for (const edge of edges) {
      const offer = problem.mentors[edge.mentorIndex];
      const request = problem.mentees[edge.menteeIndex];
      if (offer === undefined || request === undefined) throw new Error('edge out of range');
      expect(edge.score).toBe(scoreMatch(offer, request).score);
    }
  });

  it("lists each mentee's best K mentors first, best first", () => {
    const all = buildCandidates({ ...problem, maxCandidatesPerMentee: Infinity });
    const cut = buildCandidates({ ...problem, maxCandidatesPerMentee: 2 });
    problem.mentees.forEach((_request, menteeIndex) => {
      const scoresOf = (edges: typeof all): number[] =>
        edges.filter((edge) => edge.menteeIndex === menteeIndex).map((edge) => edge.score);
      const kept = scoresOf(cut);
      expect(kept).toEqual([...kept].sort((a, b) => b - a));
      expect(kept.slice(0, 2)).toEqual(scoresOf(all).slice(0, 2));
    });
  });

  it("keeps every mentor reachable even when it is nobody's first choice", () => {
    const reachable = new Set(
      buildCandidates({ ...problem, maxCandidatesPerMentee: Infinity }).map((e) => e.mentorIndex),
    );
    const kept = new Set(
      buildCandidates({ ...problem, maxCandidatesPerMentee: 1 }).map((e) => e.mentorIndex),
    );
    expect(kept).toEqual(reachable);
  });
});
