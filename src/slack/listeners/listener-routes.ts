// Buttons, modal submissions and events, found by their id or type in a map behind one Bolt listener per kind
// of request. Bolt runs every registered listener's middleware chain (each copies its middleware and awaits its
// matchers) for every request, a /mentor command included, so one Bolt listener per button, form and event
// made every request pay for all of them. Here Bolt holds three listeners, and the handler for the clicked
// action_id, the submitted callback_id or the event's type gets Bolt's arguments unchanged. An id nobody
// registered goes unanswered, as when no Bolt listener matched: the app then acknowledges it with an empty 200
// (see GuardedApp in slack-app.ts); an event is acknowledged before any listener runs.
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';

export type ButtonListenerArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
export type SubmissionListenerArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
export type EventListenerArgs<Type extends string> = SlackEventMiddlewareArgs<Type> & AllMiddlewareArgs;

export interface ListenerRoutes {
  /** Handles block_actions whose (first) action has this action_id, as app.action would. */
  button(actionId: string, handle: (args: ButtonListenerArgs) => Promise<void>): void;
  /** Handles view_submission whose view has this callback_id, as app.view would. */
  submission(callbackId: string, handle: (args: SubmissionListenerArgs) => Promise<void>): void;
  /** Handles events of this type, as app.event would. */
  event<Type extends string>(type: Type, handle: (args: EventListenerArgs<Type>) => Promise<void>): void;
}

export function createListenerRoutes(app: App): ListenerRoutes {
  const buttons = new Map<string, (args: ButtonListenerArgs) => Promise<void>>();
  const submissions = new Map<string, (args: SubmissionListenerArgs) => Promise<void>>();
  const events = new Map<string, (args: EventListenerArgs<string>) => Promise<void>>();

  // Bolt hands a listener body.actions[0] as `action`, the one it matches an action_id against.
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions' }, async (args) => {
    await buttons.get(args.action.action_id)?.(args);
  });
  app.view<ViewSubmitAction>({ type: 'view_submission' }, async (args) => {
    await submissions.get(args.view.callback_id)?.(args);
  });
  app.event(/.*/, async (args) => {
    await events.get(args.event.type)?.(args);
  });

  // Two handlers for one id would both have run under Bolt; that is a mistake, so it stops the start.
  const add = <Handler>(routes: Map<string, Handler>, kind: string, id: string, handle: Handler) => {
    if (routes.has(id)) throw new Error(`${kind} ${id} is registered twice`);
    routes.set(id, handle);
  };
  return {
    button: (actionId, handle) => add(buttons, 'button', actionId, handle),
    submission: (callbackId, handle) => add(submissions, 'submission', callbackId, handle),
    // The map holds every type's handler under one signature; each is only ever called with its own type.
    event: (type, handle) =>
      add(events, 'event', type, handle as (args: EventListenerArgs<string>) => Promise<void>),
  };
}
