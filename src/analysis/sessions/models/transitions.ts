/**
 * Order, where counts cannot see it: which event directly follows which in a session. A
 * transition between two common events that almost no session has (a step taken out of turn,
 * a pipeline restarted half way) is a reason of its own. Each session counts a transition once.
 */
import type { SessionGroups } from '../sessionFeatures';

/** A transition is rare when at most this share of the sessions have it ... */
export const RARE_TRANSITION_SHARE = 0.001;
/** ... between events that at least this share of the sessions have. */
const COMMON_EVENT_SHARE = 0.01;

export interface RareTransition {
  readonly from: number;
  readonly to: number;
  /** Sessions learnt from that have it. */
  readonly sessions: number;
}

export class TransitionCounts {
  private readonly counts = new Map<number, number>();
  private sessionsCounted = 0;

  /** @param templateCount templates in all (transition keys are from × templateCount + to) */
  constructor(private readonly templateCount: number) {}

  get sessions(): number {
    return this.sessionsCounted;
  }

  /** Counts the transitions of every session of `groups`; `entryTemplate` gives the template of an entry of their log. */
  add(groups: SessionGroups, entryTemplate: (entry: number) => number): void {
    const lastSession = new Map<number, number>();
    for (let s = 0; s < groups.count; s++) {
      for (let i = groups.entryStarts[s] + 1; i < groups.entryStarts[s + 1]; i++) {
        const key = entryTemplate(groups.entries[i - 1]) * this.templateCount + entryTemplate(groups.entries[i]);
        if (lastSession.get(key) === s) continue;
        lastSession.set(key, s);
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      }
    }
    this.sessionsCounted += groups.count;
  }

  /** The rarest transition of session s between common events, if it is rare; null otherwise. */
  rarest(groups: SessionGroups, s: number, entryTemplate: (entry: number) => number, presence: Float64Array): RareTransition | null {
    let best: RareTransition | null = null;
    const limit = RARE_TRANSITION_SHARE * this.sessionsCounted;
    for (let i = groups.entryStarts[s] + 1; i < groups.entryStarts[s + 1]; i++) {
      const from = entryTemplate(groups.entries[i - 1]);
      const to = entryTemplate(groups.entries[i]);
      if (!(presence[from] >= COMMON_EVENT_SHARE && presence[to] >= COMMON_EVENT_SHARE)) continue;
      const sessions = this.counts.get(from * this.templateCount + to) ?? 0;
      if (sessions <= limit && (best === null || sessions < best.sessions)) best = { from, to, sessions };
    }
    return best;
  }
}
