// Whether a section's editor is in suggest mode, shared by the mode's toggle, the editor's
// extension and the section's body, with what the mode has to tell the member.
/** The mode and its last messages. */
export interface SuggestModeState {
  on: boolean;
  /** What just happened ("Your suggestion was sent."), said politely. */
  message: string;
  /** Counts messages, so the same one twice is announced twice. */
  messageCount: number;
  /** What went wrong, shown until the next message or problem. */
  problem: string | null;
}

/** One section's suggest mode. */
export class SuggestMode {
  private state: SuggestModeState = { on: false, message: '', messageCount: 0, problem: null };
  private readonly listeners = new Set<() => void>();

  getSnapshot = (): SuggestModeState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Turns suggest mode on or off (the editor sends what is being typed when it goes off). */
  setOn(on: boolean): void {
    if (this.state.on === on) return;
    this.set({ on, problem: null });
  }

  /** Says what just happened. */
  announce(message: string): void {
    this.set({ message, messageCount: this.state.messageCount + 1, problem: null });
  }

  /** Says what went wrong. */
  report(problem: string): void {
    this.set({ problem, message: '' });
  }

  private set(change: Partial<SuggestModeState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of [...this.listeners]) listener();
  }
}
