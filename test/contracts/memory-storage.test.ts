import { MemoryStorage } from 'botbuilder';
import { CheckedMemoryStorage } from '../../src/bot/storage/checked-memory-storage.js';
import { storageContract } from './storage.contract.js';

storageContract('MemoryStorage (botbuilder, the reference)', () => Promise.resolve(new MemoryStorage()), true);
storageContract('CheckedMemoryStorage (STORAGE=memory)', () => Promise.resolve(new CheckedMemoryStorage()));
