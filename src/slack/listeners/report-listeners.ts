// /mentor report [csv] [cohort <name>]: programme figures for admins, as a message, chart images and CSV files.
import { deliverReportDeps } from '../../composition/use-case-deps';
import { deliverReport } from '../../use-cases/deliver-report';
import type { SubcommandHandler } from './subcommand';

export const handleReportCommand: SubcommandHandler = async ({ command, args, ack, respond, context }) => {
  // Ack first and empty: the figures take a moment, and a non-admin must not even see "preparing".
  await ack();
  await deliverReport(
    deliverReportDeps(context),
    { teamId: command.team_id, userId: command.user_id, words: args },
    async (message) => {
      await respond({ response_type: 'ephemeral', replace_original: false, ...message });
    },
  );
};
