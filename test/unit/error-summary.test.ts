// What the log keeps of an error: its class and message, never the data it carried.
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { errorSummary } from '../../src/errors';

describe('errorSummary', () => {
  it('summarises the database error under a failed query, not the SQL and parameters drizzle wraps it in', () => {
    const fromDatabase = Object.assign(new Error('disk on fire'), { code: 'P0001' });
    const wrapped = new DrizzleQueryError(
      'update "offers" set "note" = $1 where "user_id" = $2',
      ['Private note 7f3a', 'U0PERSON'],
      fromDatabase,
    );

    const summary = errorSummary(wrapped);

    expect(summary).toEqual({ name: 'Error', message: 'disk on fire', code: 'P0001' });
    expect(JSON.stringify(summary)).not.toMatch(/Private note|U0PERSON|Failed query/);
  });

  it('keeps an ordinary error’s class and message', () => {
    expect(errorSummary(new TypeError('bad input'))).toEqual({ name: 'TypeError', message: 'bad input' });
    expect(errorSummary('plain')).toEqual({ name: 'unknown', message: 'plain' });
  });
});
