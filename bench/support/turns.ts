/** Personal-chat turns over HTTP with deliveryMode expectReplies: the replies come back in the response. */

let sequence = 0;

export function userId(prefix: string, index: number): string {
  return `${prefix}-${String(index).padStart(6, '0')}`;
}

function activity(aadObjectId: string, text: string): Record<string, unknown> {
  sequence++;
  return {
    type: 'message',
    id: `bench-${String(sequence)}`,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    timestamp: new Date().toISOString(),
    from: { id: `29:${aadObjectId}`, name: 'Bench', aadObjectId },
    recipient: { id: '28:bilan-bot', name: 'Bilan' },
    conversation: { id: `a:personal-${aadObjectId}`, conversationType: 'personal', tenantId: 'tenant-bench', isGroup: false },
    channelData: { tenant: { id: 'tenant-bench' } },
    locale: 'fr-FR',
    text,
  };
}

/** Sends one message; fails (rather than timing an error) unless the bot answered. */
export async function turn(baseUrl: string, aadObjectId: string, text: string): Promise<unknown[]> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity(aadObjectId, text)),
  });
  const body = (await response.json()) as { activities?: unknown[] };
  if (response.status !== 200 || !body.activities?.length) throw new Error(`turn failed: HTTP ${String(response.status)}`);
  return body.activities;
}
