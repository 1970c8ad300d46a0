/** What a person sees when something failed on our side: a short apology, never a stack trace. */
export const APOLOGY = 'Sorry, something went wrong on our side. Please try again in a minute.';
