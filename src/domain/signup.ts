// What a person has signed up with: their open offer to mentor or request for a mentor, and the topics of the
// workspace's catalogue. Plain data, read by storage and shown by the signup modals.

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
