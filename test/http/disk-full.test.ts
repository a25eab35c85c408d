import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Conversation } from '../support/conversation.js';
import { filesUnder } from '../support/http.js';
import { engage } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Mounts a small tmpfs (a real file system that fills up) on `dir`; false where mounting is not allowed (not root). */
function mountTinyDisk(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k,mode=0700', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Fills the file system of `dir` to the last byte (the filler file is what a runaway log would be). */
async function fillDisk(dir: string): Promise<string> {
  const filler = join(dir, 'filler');
  const { bavail, bsize } = await statfs(dir);
  await writeFile(filler, Buffer.alloc(bavail * bsize + 4096)).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  });
  return filler;
}

describe('disk full (a 512 KB tmpfs under the store)', function () {
  this.timeout(60_000);
  let mountPoint: string;
  let mounted = false;
  let app: TestApp | undefined;

  before(async function () {
    mountPoint = await mkdtemp(join(tmpdir(), 'bilan-tiny-disk-'));
    mounted = mountTinyDisk(mountPoint);
    if (!mounted) this.skip(); // needs root (CI containers and this project's dev box run as root)
  });

  after(async () => {
    await app?.close();
    if (mounted) execFileSync('umount', [mountPoint]);
    await rm(mountPoint, { recursive: true, force: true });
  });

  it('turns fail politely with ENOSPC logged, /healthz says not ready (503), no temp file stays, and all recovers once space is freed', async () => {
    app = await startTestApp({ root: mountPoint });
    const chat = new Conversation(app, { aadObjectId: 'aad-disk-full' });
    await engage(chat);
    expect((await fetch(`${app.url}/healthz`)).status).to.equal(200);

    const filler = await fillDisk(mountPoint);
    await chat.say('Envie de changer');
    expect(chat.keys()).to.deep.equal(['common:errors.generic']);
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status, 'not ready: a load balancer stops sending users here').to.equal(503);
    expect(await health.json()).to.deep.include({ status: 'unavailable' });
    const codes = app.logs.filter((line) => line['level'] === 50).map((line) => [line['msg'], line['errorCode']]);
    expect(codes).to.deep.include(['turn failed', 'ENOSPC']);
    expect(codes).to.deep.include(['health check: storage cannot be written: not ready', 'ENOSPC']);
    const left = (await filesUnder(app.dataDir)).filter((file) => /\.tmp$|\.health-/.test(file));
    expect(left, 'temp files of failed writes').to.deep.equal([]);

    await rm(filler);
    expect((await fetch(`${app.url}/healthz`)).status, 'ready again').to.equal(200);
    await chat.say('Envie de changer');
    expect(chat.keys()).not.to.include('common:errors.generic');
  });
});
