/**
 * Port: the user's rights over their data (GDPR art. 15/17/20), offered by the "My bilan" tab. Implemented by the
 * chat's data rights (« mes données », « supprimer mes données »), so the tab exports and erases exactly the same way.
 */
export interface PersonalDataRights {
  /** A short-lived personal link to everything kept about the user, as one portable file. */
  exportLink(userId: string, locale: string): Promise<string>;
  /** Erases the user's bilan and everything derived from it (channel cards included); leaves a content-free proof. */
  erase(userId: string): Promise<void>;
}
