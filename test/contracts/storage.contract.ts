import { expect } from 'chai';
import {
  AutoSaveStateMiddleware,
  ConversationState,
  MessageFactory,
  TestAdapter,
  type Storage,
  type StoreItems,
} from 'botbuilder';
import { CREATE_ONLY_ETAG } from '../../src/core/bilan/key-value-store.js';
import { DialogSet, DialogTurnStatus, TextPrompt, WaterfallDialog, type DialogState } from 'botbuilder-dialogs';

export type ContractStorage = Storage & { close?: () => Promise<void> };

const TEAMS_KEY = 'msteams/conversations/19:abc@thread.tacv2;messageid=1/';

function conflictMessage(key: string): string {
  return `Storage: error writing "${key}" due to eTag conflict.`;
}

async function expectRejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(Error);
    return error as Error;
  }
  expect.fail('expected the promise to reject');
}

async function readOne(storage: Storage, key: string): Promise<StoreItems[string]> {
  return (await storage.read([key]))[key];
}

/**
 * The behaviour every botbuilder Storage used by Bilan must have, modelled on MemoryStorage. `reference`: botbuilder's
 * own MemoryStorage, run to check the suite against it; it lacks one rule Bilan needs (a write with the eTag of a
 * deleted item is a conflict, so that an erased record cannot be written back), which is then left out.
 */
export function storageContract(name: string, makeStorage: () => Promise<ContractStorage>, reference = false): void {
  describe(`${name} — Storage contract`, () => {
    let storage: ContractStorage;

    beforeEach(async () => {
      storage = await makeStorage();
    });

    afterEach(async () => {
      await storage.close?.();
    });

    describe('read', () => {
      it('returns an empty object for an unknown key, without throwing', async () => {
        expect(await storage.read(['unknown'])).to.deep.equal({});
      });

      it('returns an empty object for an empty key list', async () => {
        expect(await storage.read([])).to.deep.equal({});
      });

      it('rejects a missing key list with a ReferenceError', async () => {
        const error = await expectRejection(storage.read(null as unknown as string[]));
        expect(error).to.be.instanceOf(ReferenceError);
        expect(error.message).to.equal('Keys are required when reading.');
      });

      it('returns only the keys that exist', async () => {
        await storage.write({ present: { n: 1 } });
        const items = await storage.read(['present', 'absent']);
        expect(Object.keys(items)).to.deep.equal(['present']);
      });

      it('returns a copy: mutating what was read does not change what is stored', async () => {
        await storage.write({ k: { list: [1], nested: { a: 1 } } });
        const first = await readOne(storage, 'k');
        first.list.push(2);
        first.nested.a = 99;
        first.added = true;
        const second = await readOne(storage, 'k');
        expect(second.list).to.deep.equal([1]);
        expect(second.nested).to.deep.equal({ a: 1 });
        expect(second).not.to.have.property('added');
      });
    });

    describe('write', () => {
      it('round-trips nested objects, arrays, unicode and JSON semantics', async () => {
        const item = {
          name: 'Zoë Ñúñez — 日本語 🎯',
          nested: { deep: { list: [1, 'deux', { trois: 3 }], flag: false, none: null } },
          dropped: undefined,
          when: new Date('2024-05-01T10:00:00.000Z'),
        };
        await storage.write({ k: item });
        const { eTag, ...value } = await readOne(storage, 'k');
        expect(eTag).to.be.a('string').and.not.equal('');
        expect(value).to.deep.equal({
          name: 'Zoë Ñúñez — 日本語 🎯',
          nested: { deep: { list: [1, 'deux', { trois: 3 }], flag: false, none: null } },
          when: '2024-05-01T10:00:00.000Z',
        });
      });

      it('keeps eTag properties of nested objects untouched', async () => {
        await storage.write({ k: { child: { eTag: 'nested-tag', n: 1 } } });
        expect((await readOne(storage, 'k')).child).to.deep.equal({ eTag: 'nested-tag', n: 1 });
      });

      it('does not modify the object it was given', async () => {
        const item = { n: 1, eTag: '*' };
        await storage.write({ k: item });
        expect(item).to.deep.equal({ n: 1, eTag: '*' });
      });

      it('stores what the item was when write was called, even if mutated before it completes', async () => {
        const item = { n: 1 };
        const writing = storage.write({ k: item });
        item.n = 2;
        await writing;
        expect((await readOne(storage, 'k')).n).to.equal(1);
      });

      it('accepts an empty change set', async () => {
        await storage.write({});
        await storage.write([]);
      });

      it('rejects missing changes with a ReferenceError', async () => {
        const error = await expectRejection(storage.write(null as unknown as StoreItems));
        expect(error).to.be.instanceOf(ReferenceError);
        expect(error.message).to.equal('Changes are required when writing.');
      });

      it('writes several keys in one call', async () => {
        await storage.write({ a: { n: 1 }, b: { n: 2 }, c: { n: 3 } });
        const items = await storage.read(['a', 'b', 'c']);
        expect([items['a'].n, items['b'].n, items['c'].n]).to.deep.equal([1, 2, 3]);
        expect(new Set([items['a'].eTag, items['b'].eTag, items['c'].eTag]).size).to.equal(3);
      });

      it('stores keys containing / : @ ; and unicode, each separately', async () => {
        const crazy = '!@#$%^&*()~/\\><,.?\';"`~';
        const keys = [TEAMS_KEY, 'msteams/users/29:1aBc-Dé@x', 'clé/ünïcode/日本/🎯', crazy];
        await storage.write(Object.fromEntries(keys.map((key, n) => [key, { n }])));
        const items = await storage.read(keys);
        expect(keys.map((key) => items[key]?.n)).to.deep.equal([0, 1, 2, 3]);
      });
    });

    describe('eTags', () => {
      it('returns the eTag with the item on read', async () => {
        await storage.write({ k: { n: 1 } });
        expect((await readOne(storage, 'k')).eTag).to.be.a('string').and.not.equal('');
      });

      it('produces a new eTag at every write', async () => {
        const seen = new Set<string>();
        for (let n = 0; n < 5; n += 1) {
          await storage.write({ k: { n } });
          seen.add((await readOne(storage, 'k')).eTag);
        }
        expect(seen.size).to.equal(5);
      });

      it('accepts a write carrying the current eTag', async () => {
        await storage.write({ k: { n: 1 } });
        const current = await readOne(storage, 'k');
        await storage.write({ k: { ...current, n: 2 } });
        expect((await readOne(storage, 'k')).n).to.equal(2);
      });

      it('rejects a stale eTag with the MemoryStorage message and keeps the stored value', async () => {
        await storage.write({ [TEAMS_KEY]: { n: 1 } });
        const stale = await readOne(storage, TEAMS_KEY);
        await storage.write({ [TEAMS_KEY]: { ...stale, n: 2 } });
        const error = await expectRejection(storage.write({ [TEAMS_KEY]: { ...stale, n: 3 } }));
        expect(error.message).to.equal(conflictMessage(TEAMS_KEY));
        expect((await readOne(storage, TEAMS_KEY)).n).to.equal(2);
      });

      if (!reference) {
        it('refuses, as a conflict, a write with the eTag of an item deleted since it was read', async () => {
          await storage.write({ k: { n: 1 } });
          const read = await readOne(storage, 'k');
          await storage.delete(['k']);
          const error = await expectRejection(storage.write({ k: { ...read, n: 2 } }));
          expect(error.message).to.equal(conflictMessage('k'));
          expect(await storage.read(['k'])).to.deep.equal({});
        });
      }

      it("overwrites whatever is stored when the eTag is '*'", async () => {
        await storage.write({ k: { n: 1 } });
        await storage.write({ k: { n: 2 } });
        await storage.write({ k: { n: 3, eTag: '*' } });
        expect((await readOne(storage, 'k')).n).to.equal(3);
      });

      it('overwrites whatever is stored when the eTag is missing', async () => {
        await storage.write({ k: { n: 1 } });
        const old = await readOne(storage, 'k');
        await storage.write({ k: { n: 2 } });
        delete old.eTag;
        await storage.write({ k: { ...old, n: 3 } });
        expect((await readOne(storage, 'k')).n).to.equal(3);
      });

      it('writes the other keys of a batch when one key conflicts, then rejects', async () => {
        await storage.write({ k: { n: 1 } });
        const stale = await readOne(storage, 'k');
        await storage.write({ k: { n: 2 } });
        const error = await expectRejection(storage.write({ k: { ...stale, n: 3 }, other: { n: 4 } }));
        expect(error.message).to.equal(conflictMessage('k'));
        const items = await storage.read(['k', 'other']);
        expect([items['k'].n, items['other'].n]).to.deep.equal([2, 4]);
      });

      it('lets exactly one of two concurrent writes with the same eTag win', async () => {
        await storage.write({ k: { n: 0 } });
        const current = await readOne(storage, 'k');
        const results = await Promise.allSettled([
          storage.write({ k: { ...current, n: 1 } }),
          storage.write({ k: { ...current, n: 2 } }),
        ]);
        const winners = results.flatMap((result, index) => (result.status === 'fulfilled' ? [index + 1] : []));
        const losers = results.filter((result) => result.status === 'rejected');
        expect(winners).to.have.length(1);
        expect(losers).to.have.length(1);
        expect((losers[0] as PromiseRejectedResult).reason.message).to.equal(conflictMessage('k'));
        expect((await readOne(storage, 'k')).n).to.equal(winners[0]);
      });
    });

    describe('create-if-absent (CREATE_ONLY_ETAG)', () => {
      it('creates an absent key', async () => {
        await storage.write({ k: { n: 1, eTag: CREATE_ONLY_ETAG } });
        const created = await readOne(storage, 'k');
        expect(created.n).to.equal(1);
        expect(created.eTag).to.be.a('string').and.not.equal(CREATE_ONLY_ETAG);
      });

      it('rejects with the conflict message when the key exists, and keeps what is stored', async () => {
        await storage.write({ [TEAMS_KEY]: { n: 1 } });
        const error = await expectRejection(storage.write({ [TEAMS_KEY]: { n: 2, eTag: CREATE_ONLY_ETAG } }));
        expect(error.message).to.equal(conflictMessage(TEAMS_KEY));
        expect((await readOne(storage, TEAMS_KEY)).n).to.equal(1);
      });

      it('lets exactly one of several concurrent creations of the same key win', async () => {
        const results = await Promise.allSettled(
          [1, 2, 3, 4].map((n) => storage.write({ k: { n, eTag: CREATE_ONLY_ETAG } })),
        );
        const winners = results.flatMap((result, index) => (result.status === 'fulfilled' ? [index + 1] : []));
        expect(winners).to.have.length(1);
        for (const result of results) {
          if (result.status === 'rejected') expect((result.reason as Error).message).to.equal(conflictMessage('k'));
        }
        expect((await readOne(storage, 'k')).n).to.equal(winners[0]);
      });

      it('creates the key again after it was deleted', async () => {
        await storage.write({ k: { n: 1, eTag: CREATE_ONLY_ETAG } });
        await storage.delete(['k']);
        await storage.write({ k: { n: 2, eTag: CREATE_ONLY_ETAG } });
        expect((await readOne(storage, 'k')).n).to.equal(2);
      });

      it('round-trips what it created like any write, and the created item can then be updated with its eTag', async () => {
        await storage.write({ k: { name: 'Zoë — 日本語 🎯', list: [1, 'deux'], eTag: CREATE_ONLY_ETAG } });
        const created = await readOne(storage, 'k');
        expect(created).to.deep.include({ name: 'Zoë — 日本語 🎯', list: [1, 'deux'] });
        await storage.write({ k: { ...created, name: 'changed' } });
        expect((await readOne(storage, 'k')).name).to.equal('changed');
      });
    });

    describe('delete', () => {
      it('removes the item', async () => {
        await storage.write({ [TEAMS_KEY]: { n: 1 }, kept: { n: 2 } });
        await storage.delete([TEAMS_KEY]);
        expect(await storage.read([TEAMS_KEY, 'kept'])).to.have.keys(['kept']);
      });

      it('does not throw for an unknown key', async () => {
        await storage.delete(['unknown']);
      });

      it('lets the key be written again from scratch afterwards', async () => {
        await storage.write({ k: { n: 1 } });
        const old = await readOne(storage, 'k');
        await storage.delete(['k']);
        await storage.write({ k: { n: 2 } });
        expect(await readOne(storage, 'k')).to.include({ n: 2 }).and.not.have.property('eTag', old.eTag);
      });
    });

    describe('with botbuilder state', () => {
      it('round-trips ConversationState across turns through a TestAdapter', async () => {
        const conversationState = new ConversationState(storage);
        const counter = conversationState.createProperty<{ turns: number; notes: string[] }>('counter');
        const adapter = new TestAdapter(async (context) => {
          const state = await counter.get(context, { turns: 0, notes: [] });
          state.turns += 1;
          state.notes.push(context.activity.text ?? '');
          await context.sendActivity(`${state.turns}: ${state.notes.join(',')}`);
          await conversationState.saveChanges(context);
        });

        await adapter.send('été').assertReply('1: été').send('hiver').assertReply('2: été,hiver').startTest();

        const { channelId, conversation } = adapter.conversation;
        const key = `${channelId}/conversations/${conversation.id}/`;
        expect((await readOne(storage, key)).counter).to.deep.equal({ turns: 2, notes: ['été', 'hiver'] });
      });

      it('carries a waterfall dialog with a prompt across turns', async () => {
        const conversationState = new ConversationState(storage);
        const dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
        dialogs.add(
          new TextPrompt('name', async (prompt) => {
            if ((prompt.recognized.value ?? '').length > 3) return true;
            await prompt.context.sendActivity(`too short ${prompt.attemptCount}`);
            return false;
          }),
        );
        dialogs.add(
          new WaterfallDialog('flow', [
            async (step) => step.prompt('name', { prompt: MessageFactory.text('name?') }),
            async (step) => {
              await step.context.sendActivity(`hello ${String(step.result)}`);
              return step.endDialog();
            },
          ]),
        );
        const adapter = new TestAdapter(async (context) => {
          const dialogContext = await dialogs.createContext(context);
          const result = await dialogContext.continueDialog();
          if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog('flow');
        }).use(new AutoSaveStateMiddleware(conversationState));

        await adapter
          .send('start')
          .assertReply('name?')
          .send('Al')
          .assertReply('too short 1')
          .send('Aïcha')
          .assertReply('hello Aïcha')
          .startTest();
      });
    });
  });
}
