import type { Locale } from '../locale.js';

/** How long an instance remembers someone who has no record yet (Teams sends its two install events at once). */
const MEMORY_MS = 10 * 60 * 1000;
const PEOPLE_REMEMBERED = 10_000;

/**
 * What this instance remembers, in memory only and for a while, of people with no record: nothing may be stored
 * about them before they read the information. Another instance may not know it: a second welcome at worst, or the
 * Teams client's language until the person confirms the information.
 */
export class UnstoredPeople {
  private readonly welcomed = new BoundedMemory<true>();
  private readonly locales = new BoundedMemory<Locale>();

  /** True the first time this person is welcomed in this conversation within the memory, false afterwards. */
  firstWelcome(userId: string, conversationId: string): boolean {
    const key = `${userId}\0${conversationId}`;
    if (this.welcomed.get(key)) return false;
    this.welcomed.set(key, true);
    return true;
  }

  /** The language the person chose before they had a record. */
  chooseLocale(userId: string, locale: Locale): void {
    this.locales.set(userId, locale);
  }

  localeOf(userId: string): Locale | undefined {
    return this.locales.get(userId);
  }

  /** Their record now exists (or was erased): it says the rest. */
  forget(userId: string): void {
    this.locales.delete(userId);
  }
}

class BoundedMemory<T> {
  private readonly items = new Map<string, { value: T; at: number }>();

  get(key: string): T | undefined {
    const item = this.items.get(key);
    if (!item) return undefined;
    if (performance.now() - item.at < MEMORY_MS) return item.value;
    this.items.delete(key);
    return undefined;
  }

  set(key: string, value: T): void {
    this.items.delete(key);
    this.items.set(key, { value, at: performance.now() });
    if (this.items.size > PEOPLE_REMEMBERED) this.items.delete(this.items.keys().next().value as string);
  }

  delete(key: string): void {
    this.items.delete(key);
  }
}
