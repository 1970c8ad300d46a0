import type { AckFn, RespondArguments, RespondFn, SlashCommand } from '@slack/bolt';
import type { AppContext } from '../../composition/app-context';

/** What every `/mentor <word>` handler receives. `args` are the words after the subcommand. */
export interface SubcommandArgs {
  command: SlashCommand;
  args: string[];
  ack: AckFn<string | RespondArguments>;
  respond: RespondFn;
  context: AppContext;
}

export type SubcommandHandler = (args: SubcommandArgs) => Promise<void>;
