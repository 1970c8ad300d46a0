// Error helpers every layer may use: what to log about an error, and which Slack error it was. Kept apart from
// the Bolt app so a use case or a CLI job can use them without loading Bolt or its receivers.

/**
 * The error's class and message, never its payload: Slack errors can echo request data, and drizzle wraps a
 * failed PostgreSQL query in an error whose message holds the SQL and its parameters (names, notes), so the
 * database's own error underneath is what is summarised.
 */
export function errorSummary(error: unknown): { name: string; message: string; code?: string } {
  if (isFailedQuery(error)) return errorSummary(error.cause);
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const slackError = (error as { data?: { error?: unknown } }).data?.error;
    return {
      name: error.name,
      message: typeof slackError === 'string' ? slackError : error.message,
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  return { name: 'unknown', message: String(error) };
}

// drizzle's DrizzleQueryError, told by its shape so the kernel needs no import from the storage library.
function isFailedQuery(error: unknown): error is Error & { cause: unknown } {
  return error instanceof Error && 'query' in error && 'params' in error && error.cause !== undefined;
}

/** The Slack error code of a call Slack answered with ok:false (e.g. channel_not_found); null otherwise. */
export function slackErrorCode(error: unknown): string | null {
  const data = (error as { code?: unknown; data?: { error?: unknown } } | null)?.data;
  return (error as { code?: unknown } | null)?.code === 'slack_webapi_platform_error' &&
    typeof data?.error === 'string'
    ? data.error
    : null;
}
