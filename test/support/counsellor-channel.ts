import { TEST_TENANT_ID, teamsMessage } from './activities.js';
import type { FakeConnector } from './fake-connector.js';
import type { TestApp } from './test-app.js';

export const COUNSELLOR_CHANNEL = '19:counsellors@thread.tacv2';

/** An admin (listed in COUNSELLOR_ADMINS) registers the counsellor channel, as they would in Teams. */
export async function registerCounsellorChannel(app: TestApp, connector: FakeConnector, adminOid: string): Promise<void> {
  await app.send(
    teamsMessage(
      { aadObjectId: adminOid, serviceUrl: connector.url },
      {
        text: '<at>Bilan</at> canal conseiller',
        entities: [{ type: 'mention', text: '<at>Bilan</at>', mentioned: { id: '28:bilan-bot', name: 'Bilan' } }],
        conversation: { id: COUNSELLOR_CHANNEL, conversationType: 'channel', tenantId: TEST_TENANT_ID, isGroup: true, name: '' },
        channelData: { tenant: { id: TEST_TENANT_ID }, team: { id: '19:team@thread.tacv2' }, channel: { id: COUNSELLOR_CHANNEL } },
      },
    ),
  );
}
