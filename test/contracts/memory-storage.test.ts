import { MemoryStorage } from 'botbuilder';
import { storageContract } from './storage.contract.js';

storageContract('MemoryStorage', () => Promise.resolve(new MemoryStorage()));
