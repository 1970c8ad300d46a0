// What an interaction grants the app, with Slack's limits: a trigger_id opens one view, once, within 3 seconds;
// a response_url takes at most 5 posts within 30 minutes. Time comes from the fake's clock, so a test can age a
// grant without sleeping.

const TRIGGER_LIFETIME_MS = 3_000;
const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;
const RESPONSE_URL_USES = 5;

export interface Triggers {
  /** A new trigger_id, issued now, as Slack puts one in a command or interaction payload. */
  issue(): string;
  /** Exchanges the trigger for a view: null when allowed (it is then used up), else Slack's error. */
  exchange(triggerId: string): string | null;
}

export function createTriggers(now: () => number): Triggers {
  const issued = new Map<string, { at: number; exchanged: boolean }>();
  let sequence = 0;
  return {
    issue() {
      sequence += 1;
      // Slack's shape: "<digits>.<digits>.<hex>".
      const id = `${sequence}.${now()}.${(sequence * 2654435761).toString(16)}`;
      issued.set(id, { at: now(), exchanged: false });
      return id;
    },
    exchange(triggerId) {
      const trigger = issued.get(triggerId);
      if (trigger === undefined) return 'invalid_trigger_id';
      if (trigger.exchanged) return 'exchanged_trigger_id';
      if (now() - trigger.at > TRIGGER_LIFETIME_MS) return 'expired_trigger_id';
      trigger.exchanged = true;
      return null;
    },
  };
}

/** How Slack refuses a post to a response_url: an HTTP status and a one-word body. */
export interface UrlRefusal {
  status: number;
  error: string;
}

export interface ResponseUrls {
  /** A new response_url id, issued now. */
  issue(): string;
  /** Why a post to this response_url would be refused now, or null. */
  refusal(id: string): UrlRefusal | null;
  /** Counts one accepted post. */
  use(id: string): void;
}

export function createResponseUrls(now: () => number): ResponseUrls {
  const issued = new Map<string, { at: number; uses: number }>();
  let sequence = 0;
  return {
    issue() {
      sequence += 1;
      const id = `R${sequence}`;
      issued.set(id, { at: now(), uses: 0 });
      return id;
    },
    refusal(id) {
      const url = issued.get(id);
      if (url === undefined) return { status: 404, error: 'invalid_url' };
      if (now() - url.at > RESPONSE_URL_LIFETIME_MS) return { status: 404, error: 'expired_url' };
      if (url.uses >= RESPONSE_URL_USES) return { status: 404, error: 'used_url' };
      return null;
    },
    use(id) {
      const url = issued.get(id);
      if (url !== undefined) url.uses += 1;
    },
  };
}
