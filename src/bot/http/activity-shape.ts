/**
 * The minimum an incoming activity must have before the adapter sees it. Returns what is wrong
 * (without echoing the body back), or undefined when the shape is acceptable. A message must say who sent
 * it and to whom: its sender is the only user it can act for.
 */
export function checkActivityShape(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'the body must be a JSON object';
  const activity = body as Record<string, unknown>;
  if (typeof activity['type'] !== 'string' || activity['type'].length === 0) return 'type must be a non-empty string';
  if (typeof activity['channelId'] !== 'string' || activity['channelId'].length === 0) return 'channelId must be a non-empty string';
  if (!isObjectWithId(activity['conversation'])) return 'conversation.id must be a non-empty string';
  const message = activity['type'] === 'message';
  if ((message || activity['from'] !== undefined) && !isObjectWithId(activity['from'])) return 'from.id must be a non-empty string';
  if ((message || activity['recipient'] !== undefined) && !isObjectWithId(activity['recipient'])) return 'recipient.id must be a non-empty string';
  const aadObjectId = (activity['from'] as { aadObjectId?: unknown } | undefined)?.aadObjectId;
  if (aadObjectId !== undefined && typeof aadObjectId !== 'string') return 'from.aadObjectId must be a string';
  if (activity['text'] !== undefined && typeof activity['text'] !== 'string') return 'text must be a string';
  if (activity['serviceUrl'] !== undefined && typeof activity['serviceUrl'] !== 'string') return 'serviceUrl must be a string';
  if (activity['attachments'] !== undefined && !Array.isArray(activity['attachments'])) return 'attachments must be an array';
  return checkEntities(activity['entities']);
}

/** Entities must be objects with a type; a mention must name who is mentioned and by which text. */
function checkEntities(entities: unknown): string | undefined {
  if (entities === undefined) return undefined;
  if (!Array.isArray(entities)) return 'entities must be an array';
  for (const entity of entities as unknown[]) {
    if (entity === null || typeof entity !== 'object' || typeof (entity as { type?: unknown }).type !== 'string') return 'each entity must be an object with a type';
    const { type, mentioned, text } = entity as { type: string; mentioned?: unknown; text?: unknown };
    if (type.toLowerCase() === 'mention' && (!isObjectWithId(mentioned) || typeof text !== 'string')) return 'a mention must have mentioned.id and text';
  }
  return undefined;
}

function isObjectWithId(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' && id.length > 0;
}
