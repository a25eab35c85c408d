import { request } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import { entraId, say } from '../support/activities.js';
import { within } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const USER = entraId('aad-hostile-bodies');

/** The status of a request whose body is announced but never finished: only a server that reads nothing answers. */
function statusWithoutSendingTheBody(url: string, headers: Record<string, string>, firstBytes: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(firstBytes.length * 100) } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', reject);
    req.write(firstBytes);
  });
}

function multipart(boundary: string, activity: unknown): Buffer {
  return Buffer.from(
    [
      `--${boundary}`,
      'Content-Disposition: form-data; name="activity"',
      'Content-Type: application/json',
      '',
      JSON.stringify(activity),
      `--${boundary}`,
      'Content-Disposition: form-data; name="cv"; filename="cv.txt"',
      'Content-Type: text/plain',
      '',
      'x'.repeat(64 * 1024),
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );
}

describe('hostile request bodies cost nothing (before authentication)', function () {
  this.timeout(30_000);
  let app: TestApp;
  let tempDir: string;
  let previousTmp: string | undefined;

  before(async () => {
    app = await startTestApp({ env: { TAB_DEV_MODE: 'true' } });
  });

  after(async () => {
    await app.close();
  });

  beforeEach(async () => {
    // os.tmpdir() follows TMPDIR: a fresh, empty temp directory shows any file a request leaves.
    previousTmp = process.env['TMPDIR'];
    tempDir = await mkdtemp(join(tmpdir(), 'bilan-request-tmp-'));
    process.env['TMPDIR'] = tempDir;
  });

  afterEach(async () => {
    if (previousTmp === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previousTmp;
    await rm(tempDir, { recursive: true, force: true });
  });

  it('a gzip bomb (100 KB that would expand to 100 MB) gets 415 without being inflated', async () => {
    const bomb = gzipSync(Buffer.alloc(100 * 1024 * 1024, ' '), { level: 9 });
    expect(bomb.length, 'smaller than the body size limit').to.be.below(256 * 1024);
    const response = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: new Uint8Array(bomb) });
    expect(response.status).to.equal(415);
    expect(await response.json()).to.deep.equal({ error: 'compressed bodies are not accepted: send uncompressed JSON' });
  });

  it('a compressed body is refused before it is even read (the answer comes while the body is still arriving)', async () => {
    const start = gzipSync(JSON.stringify(say({ aadObjectId: USER }, 'bonjour'))).subarray(0, 20);
    for (const encoding of ['gzip', 'deflate', 'br', 'gzip, identity']) {
      const status = await within(statusWithoutSendingTheBody(`${app.url}/api/messages`, { 'content-type': 'application/json', 'content-encoding': encoding }, start), 5000, encoding);
      expect(status, encoding).to.equal(415);
    }
  });

  it('a multipart body gets 415 on the bot and the tab APIs, and no file is ever written to the temp directory', async () => {
    const boundary = 'bilan-boundary-1234';
    const body = new Uint8Array(multipart(boundary, say({ aadObjectId: USER }, 'bonjour')));
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    const bot = await fetch(`${app.url}/api/messages`, { method: 'POST', headers, body });
    const tab = await fetch(`${app.url}/api/tab/users/${USER}/sharing/summary`, { method: 'PUT', headers: { ...headers, authorization: `Dev ${USER}` }, body });
    expect([bot.status, tab.status]).to.deep.equal([415, 415]);
    expect(await readdir(tempDir), 'files left in the temp directory').to.deep.equal([]);
  });

  it('any other media type gets 415, and JSON still works (with a charset too)', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'application/octet-stream']) {
      const response = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': type }, body: 'activity=1' });
      expect(response.status, type).to.equal(415);
    }
    const replies = await app.post({ ...say({ aadObjectId: USER }, 'bonjour'), deliveryMode: 'expectReplies' }, { 'content-type': 'application/json; charset=utf-8' });
    expect(replies.status).to.equal(200);
    expect(await readdir(tempDir)).to.deep.equal([]);
  });
});
