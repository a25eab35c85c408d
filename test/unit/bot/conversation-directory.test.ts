import type { ConversationReference } from 'botbuilder';
import { expect } from 'chai';
import { ConversationDirectory } from '../../../src/bot/reminders/conversation-directory.js';
import { CheckedMemoryStorage } from '../../../src/bot/storage/checked-memory-storage.js';
import { RecordingStorage } from '../../support/recording-storage.js';
import { teamsUserId } from '../../support/activities.js';

const chatOf = (userId: string): Partial<ConversationReference> => ({
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  conversation: { id: `a:personal-${userId}`, isGroup: false, conversationType: 'personal', name: '' },
  user: { id: `29:${userId}`, name: '' },
});

describe('ConversationDirectory (where to write first, for reminders)', () => {
  it('adds a user by writing their chat and one short part of the index, not a list of every user', async () => {
    const storage = new RecordingStorage();
    const directory = new ConversationDirectory(storage);
    for (let i = 0; i < 300; i++) await directory.remember(teamsUserId(`user-${i}`), chatOf(`user-${i}`));
    storage.forget();

    await directory.remember(teamsUserId('newcomer'), chatOf('newcomer'));

    expect(storage.writes).to.have.length(2);
    expect(storage.writes[0]).to.equal(`refs/users/${teamsUserId('newcomer')}`);
    const part = storage.writes[1] ?? '';
    const listed = ((await storage.read([part]))[part] as { userIds: string[] }).userIds;
    expect(listed).to.include(teamsUserId('newcomer'));
    expect(listed.length, 'the part lists a few of the 301 users').to.be.below(30);
    expect(await directory.userIds()).to.have.members([...Array.from({ length: 300 }, (_, i) => teamsUserId(`user-${i}`)), teamsUserId('newcomer')]);
  });

  it('writes nothing when a known user writes again from the same chat', async () => {
    const storage = new RecordingStorage();
    const directory = new ConversationDirectory(storage);
    await directory.remember(teamsUserId('user'), { ...chatOf('user'), activityId: 'first' });
    storage.forget();

    await directory.remember(teamsUserId('user'), { ...chatOf('user'), activityId: 'second' });

    expect(storage.writes).to.deep.equal([]);
  });

  it('loses no user when two instances add many at the same moment', async () => {
    const storage = new CheckedMemoryStorage();
    const [one, other] = [new ConversationDirectory(storage), new ConversationDirectory(storage)];
    const users = Array.from({ length: 120 }, (_, i) => teamsUserId(`user-${i}`));

    await Promise.all(users.map((userId, i) => (i % 2 === 0 ? one : other).remember(userId, chatOf(userId))));

    const listed = await one.userIds();
    expect(listed).to.have.members(users);
    expect(listed).to.have.length(users.length);
  });

  it('still lists the users of the single index earlier versions kept, and forgets them from it too', async () => {
    const storage = new CheckedMemoryStorage();
    await storage.write({ 'refs/index': { userIds: [teamsUserId('earlier'), teamsUserId('left')] }, [`refs/users/${teamsUserId('earlier')}`]: { reference: chatOf('earlier') } });
    const directory = new ConversationDirectory(storage);
    await directory.remember(teamsUserId('later'), chatOf('later'));

    expect(await directory.userIds()).to.have.members([teamsUserId('earlier'), teamsUserId('left'), teamsUserId('later')]);
    expect(await directory.find(teamsUserId('earlier'))).to.deep.equal(chatOf('earlier'));

    await directory.forget(teamsUserId('left'));
    await directory.forget(teamsUserId('later'));

    expect(await directory.userIds()).to.deep.equal([teamsUserId('earlier')]);
    expect(((await storage.read(['refs/index']))['refs/index'] as { userIds: string[] }).userIds).to.deep.equal([teamsUserId('earlier')]);
  });
});
