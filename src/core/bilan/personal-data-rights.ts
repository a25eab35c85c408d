/**
 * Port: the user's rights over their data (GDPR art. 15/17/20), which the "My bilan" tab offers as buttons. It is
 * implemented with export, deletion and retention (issue 5); the tab only calls it, so the chat and the tab erase
 * and export exactly the same way.
 */
export interface PersonalDataRights {
  /** Everything kept about the user, in a portable file. */
  exportData(userId: string): Promise<{ readonly filename: string; readonly contentType: string; readonly body: Uint8Array | string }>;
  /** Erases the user's bilan and everything derived from it, withdrawing anything shared first. */
  erase(userId: string): Promise<void>;
}
