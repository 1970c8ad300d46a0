// What a person has signed up with: their open offer to mentor or request for a mentor, the topics of the
// workspace's catalogue, and what the offer and find modals show. Plain data, read by storage and shown by views.
import type { Organisation } from './organisation';
import type { SignupKind } from './signup-form';

export interface Topic {
  id: number;
  name: string;
}

export interface OpenOffer {
  id: number;
  teamId: string;
  userId: string;
  capacity: number;
  note: string | null;
  /** Sorted by name. */
  topics: Topic[];
  createdAt: Date;
  updatedAt: Date | null;
}

export interface OpenRequest {
  id: number;
  teamId: string;
  userId: string;
  goals: string | null;
  /** Sorted by name. */
  topics: Topic[];
  createdAt: Date;
  updatedAt: Date | null;
}

/** What the offer or find modal shows: the catalogue and what the person entered before. */
export interface SignupFormState {
  kind: SignupKind;
  catalogue: Topic[];
  topicIds: number[];
  level: number | null;
  department: string | null;
  /** The workspace's ladder and departments, which the form lists. */
  organisation: Organisation;
  excludedUserIds: string[];
  /** Offer only. */
  capacity: number;
  /** The offer's note or the request's goals. */
  text: string | null;
  /** True when the person already has an open offer (or request) that submitting will update. */
  updating: boolean;
  /** Whether the form offers "Other topics" (the workspace's setting). */
  customTopicsAllowed: boolean;
}
