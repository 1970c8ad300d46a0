/**
 * The workspace a button click or modal submission came from: the payload's team, else the clicking user's
 * (Enterprise Grid can leave `team` empty); '' when neither is given, which no stored row matches.
 */
export function teamIdOf(body: { team: { id: string } | null; user: { team_id?: string } }): string {
  return body.team?.id ?? body.user.team_id ?? '';
}
