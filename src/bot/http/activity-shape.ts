/**
 * The minimum an incoming activity must have before the adapter sees it. Returns what is wrong
 * (without echoing the body back), or undefined when the shape is acceptable.
 */
export function checkActivityShape(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'the body must be a JSON object';
  const activity = body as Record<string, unknown>;
  if (typeof activity['type'] !== 'string' || activity['type'].length === 0) return 'type must be a non-empty string';
  if (!isObjectWithId(activity['conversation'])) return 'conversation.id must be a string';
  if (activity['from'] !== undefined && !isObjectWithId(activity['from'])) return 'from.id must be a string';
  if (activity['text'] !== undefined && typeof activity['text'] !== 'string') return 'text must be a string';
  if (activity['serviceUrl'] !== undefined && typeof activity['serviceUrl'] !== 'string') return 'serviceUrl must be a string';
  return undefined;
}

function isObjectWithId(value: unknown): boolean {
  return value !== null && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string';
}
