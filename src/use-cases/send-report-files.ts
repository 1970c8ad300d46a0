import type { FileUpload, Messenger } from '../ports/messenger';

export interface SendReportFilesDeps {
  messenger: Pick<Messenger, 'openConversation' | 'uploadFiles'>;
}

/**
 * Uploads report files to the admin's DM with the app. A DM, not the channel the command came from:
 * programme figures (and the names in the pairs file) are for the admin only.
 */
export async function sendReportFiles(
  deps: SendReportFilesDeps,
  userId: string,
  files: readonly FileUpload[],
  comment: string,
): Promise<void> {
  if (files.length === 0) return;
  const channel = await deps.messenger.openConversation([userId]);
  await deps.messenger.uploadFiles(channel, files, comment);
}
