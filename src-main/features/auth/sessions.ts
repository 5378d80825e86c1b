/**
 * Signed-in staff sessions, held in memory by the office process: one per client (an Electron
 * window, or a browser tab pair sharing the browser-mode cookie). A session ends on logout, when
 * the account is deactivated, or after `timeoutMinutes` without activity; the client is told
 * through the `session.ended` event so the UI returns to the login screen by itself.
 */
export type EndReason = 'inactivity' | 'logout' | 'deactivated';

type Session = { staffId: number; lastActivity: number };

export class SessionStore {
  private readonly byClient = new Map<string, Session>();

  constructor(
    private readonly now: () => Date,
    private timeoutMs: number,
    private readonly onEnded: (clientId: string, reason: EndReason) => void,
  ) {}

  setTimeoutMinutes(minutes: number): void {
    this.timeoutMs = minutes * 60_000;
  }

  start(clientId: string, staffId: number): void {
    this.byClient.set(clientId, { staffId, lastActivity: this.now().getTime() });
  }

  /** The staff id signed in on this client, or null; `touch` counts the call as activity. */
  current(clientId: string, touch: boolean): number | null {
    const session = this.byClient.get(clientId);
    if (!session) return null;
    const now = this.now().getTime();
    if (now - session.lastActivity >= this.timeoutMs) {
      this.end(clientId, 'inactivity');
      return null;
    }
    if (touch) session.lastActivity = now;
    return session.staffId;
  }

  end(clientId: string, reason: EndReason): void {
    if (this.byClient.delete(clientId)) this.onEnded(clientId, reason);
  }

  endForStaff(staffId: number, reason: EndReason): void {
    for (const [clientId, session] of this.byClient) {
      if (session.staffId === staffId) this.end(clientId, reason);
    }
  }

  /** Ends idle sessions; the office runs it every few seconds. */
  sweep(): void {
    for (const clientId of [...this.byClient.keys()]) this.current(clientId, false);
  }
}
