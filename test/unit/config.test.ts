import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { expect } from 'chai';
import { APP_TYPES, CONFIG_VARIABLES, LOG_LEVELS, STORAGE_KINDS, allowedTenants, isAnonymous, loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/core/errors.js';
import { LOCALES } from '../../src/core/locale.js';

const NO_FILE = '/nonexistent/bilan/.env';
const ENV_EXAMPLE = new URL('../../.env.example', import.meta.url);

/** The ConfigError loadConfig throws for `env` (fails the test if it does not throw one). */
function configError(env: Record<string, string>, envFile = NO_FILE): ConfigError {
  try {
    loadConfig(env, envFile);
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

const BLOB_ACCOUNT = 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=k;EndpointSuffix=core.windows.net';

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({}, NO_FILE);
    expect(config).to.deep.include({
      PORT: 3978,
      STORAGE: 'lowdb',
      DATA_DIR: 'data/store',
      DEFAULT_LOCALE: 'fr',
      LOG_LEVEL: 'info',
      MicrosoftAppType: 'MultiTenant',
    });
    expect(config.MicrosoftAppId).to.equal(undefined);
    expect(config.MicrosoftAppPassword).to.equal(undefined);
    expect(isAnonymous(config)).to.equal(true);
  });

  it('ignores variables it does not know', () => {
    expect(() => loadConfig({ HOME: '/root', NODE_ENV: 'production', npm_config_foo: 'x' }, NO_FILE)).not.to.throw();
  });

  it('accepts every valid value', () => {
    const blob = { BLOB_CONNECTION_STRING: BLOB_ACCOUNT, DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };
    for (const STORAGE of STORAGE_KINDS) expect(loadConfig({ STORAGE, ...blob }, NO_FILE).STORAGE).to.equal(STORAGE);
    expect(loadConfig({ STORAGE: 'blob', ...blob, BLOB_CONTAINER: 'bilan-prod-2' }, NO_FILE)).to.deep.include({ BLOB_CONTAINER: 'bilan-prod-2' });
    for (const DEFAULT_LOCALE of LOCALES) expect(loadConfig({ DEFAULT_LOCALE }, NO_FILE).DEFAULT_LOCALE).to.equal(DEFAULT_LOCALE);
    for (const LOG_LEVEL of LOG_LEVELS) expect(loadConfig({ LOG_LEVEL }, NO_FILE).LOG_LEVEL).to.equal(LOG_LEVEL);
    expect(loadConfig({ PORT: '8080' }, NO_FILE).PORT).to.equal(8080);
    expect(loadConfig({ PORT: '0' }, NO_FILE).PORT, 'PORT=0 picks a free port (tests)').to.equal(0);
    expect(loadConfig({ DATA_DIR: '/var/lib/bilan' }, NO_FILE).DATA_DIR).to.equal('/var/lib/bilan');
    const credentials = { MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret' };
    for (const MicrosoftAppType of APP_TYPES) {
      const config = loadConfig({ ...credentials, MicrosoftAppType, MicrosoftAppTenantId: 'tenant-id' }, NO_FILE);
      expect(config.MicrosoftAppType).to.equal(MicrosoftAppType);
      expect(isAnonymous(config)).to.equal(false);
    }
    expect(loadConfig({ MicrosoftAppId: 'app-id', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' }, NO_FILE).MicrosoftAppPassword, 'a managed identity needs no password').to.equal(undefined);
  });

  it('returns a frozen configuration', () => {
    expect(Object.isFrozen(loadConfig({}, NO_FILE))).to.equal(true);
  });

  describe('invalid values', () => {
    const cases: [string, string, string[]][] = [
      ['PORT', 'abc', ['65535']],
      ['PORT', '-1', ['65535']],
      ['PORT', '65536', ['65535']],
      ['PORT', '3978.5', ['65535']],
      ['PORT', '', ['65535']],
      ['PORT', '0x50', ['65535']],
      ['STORAGE', 'sql', ['lowdb', 'memory', 'blob']],
      ['STORAGE', 'LOWDB', ['lowdb', 'memory', 'blob']],
      ['BLOB_CONTAINER', 'Bilan_Records', ['lowercase']],
      ['BLOB_CONTAINER', 'ab', ['3 to 63']],
      ['DEFAULT_LOCALE', 'de', ['fr', 'en']],
      ['DEFAULT_LOCALE', 'fr-FR', ['fr', 'en']],
      ['LOG_LEVEL', 'verbose', [...LOG_LEVELS]],
      ['MicrosoftAppType', 'Multitenant', [...APP_TYPES]],
      ['COUNSELLOR_CHANNEL_ID', 'General', ['19:abc123@thread.tacv2']],
      ['HR_CHANNEL_ID', '19:abc@thread.tacv2;messageid=1712', ['19:abc123@thread.tacv2']],
      ['CHANNEL_SERVICE_URL', 'smba.trafficmanager.net', ['https://smba.trafficmanager.net/teams/']],
    ];
    for (const [variable, value, accepted] of cases) {
      it(`rejects ${variable}=${value || '(empty)'}, naming the variable and the accepted values`, () => {
        const error = configError({ [variable]: value });
        const line = error.message.split('\n').find((l) => l.includes(variable));
        expect(line, `a line names ${variable}`).to.be.a('string');
        for (const v of accepted) expect(line, `${variable} line lists ${v}`).to.include(v);
      });
    }

    it('reports every problem in one error', () => {
      const error = configError({ PORT: 'abc', STORAGE: 'sql', DEFAULT_LOCALE: 'de', LOG_LEVEL: 'loud', MicrosoftAppType: 'Any' });
      for (const variable of ['PORT', 'STORAGE', 'DEFAULT_LOCALE', 'LOG_LEVEL', 'MicrosoftAppType']) expect(error.message).to.include(variable);
    });

    it('reports credential problems together with invalid values', () => {
      const error = configError({ STORAGE: 'sql', MicrosoftAppId: 'app-id' });
      expect(error.message).to.include('STORAGE');
      expect(error.message, 'the missing password is reported in the same error').to.include('MicrosoftAppPassword');
    });

    it('never repeats a secret in the error', () => {
      const error = configError({ MicrosoftAppPassword: 'super-secret-password-value', STORAGE: 'sql' });
      expect(error.message).not.to.include('super-secret-password-value');
    });
  });

  describe('blob storage', () => {
    it('requires DATA_ENCRYPTION_KEY with STORAGE=blob (a key file per instance would split the data)', () => {
      expect(configError({ STORAGE: 'blob', BLOB_CONNECTION_STRING: BLOB_ACCOUNT }).message).to.include('DATA_ENCRYPTION_KEY');
      expect(() => loadConfig({ STORAGE: 'lowdb' }, NO_FILE), 'local storage creates a key file').not.to.throw();
    });

    it('requires BLOB_CONNECTION_STRING with STORAGE=blob, and only then', () => {
      expect(configError({ STORAGE: 'blob' }).message).to.include('BLOB_CONNECTION_STRING').and.to.include('STORAGE=blob');
      expect(configError({ STORAGE: 'blob', BLOB_CONNECTION_STRING: '  ' }).message, 'blank counts as missing').to.include('BLOB_CONNECTION_STRING');
      expect(loadConfig({ STORAGE: 'lowdb' }, NO_FILE).BLOB_CONNECTION_STRING).to.equal(undefined);
    });

    it('never repeats the connection string in the error', () => {
      const secret = 'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=c2VjcmV0LWtleQ==';
      const error = configError({ STORAGE: 'blob', BLOB_CONNECTION_STRING: secret, BLOB_CONTAINER: 'NO', PORT: 'abc' });
      expect(error.message).to.include('BLOB_CONTAINER');
      for (const part of [secret, 'c2VjcmV0LWtleQ', 'acme']) expect(error.message).not.to.include(part);
    });
  });

  describe('credentials', () => {
    it('requires MicrosoftAppTenantId with MicrosoftAppType=SingleTenant', () => {
      const error = configError({ MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'SingleTenant' });
      expect(error.message).to.include('MicrosoftAppTenantId').and.to.include('SingleTenant');
      expect(loadConfig({ MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 'tenant' }, NO_FILE).MicrosoftAppTenantId).to.equal('tenant');
    });

    it('requires the tenants whose users may use the bot when MicrosoftAppId is set, and reads them', () => {
      const credentials = { MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret' };
      expect(configError(credentials).message).to.include('ALLOWED_TENANT_IDS');
      expect(allowedTenants(loadConfig({ ...credentials, MicrosoftAppTenantId: 'tenant-a' }, NO_FILE))).to.deep.equal(['tenant-a']);
      expect(allowedTenants(loadConfig({ ...credentials, MicrosoftAppTenantId: 'tenant-a', ALLOWED_TENANT_IDS: ' tenant-b, tenant-c ' }, NO_FILE))).to.deep.equal(['tenant-b', 'tenant-c']);
      expect(allowedTenants(loadConfig({ ALLOWED_TENANT_IDS: 'tenant-b' }, NO_FILE)), 'anonymous local mode: no restriction').to.deep.equal([]);
    });

    it('requires MicrosoftAppPassword when MicrosoftAppId is set', () => {
      expect(configError({ MicrosoftAppId: 'app-id' }).message).to.include('MicrosoftAppPassword');
      expect(configError({ MicrosoftAppId: 'app-id', MicrosoftAppPassword: '   ' }).message, 'blank counts as missing').to.include('MicrosoftAppPassword');
    });

    it('rejects a MicrosoftAppPassword without MicrosoftAppId (instead of silently running without authentication)', () => {
      expect(configError({ MicrosoftAppPassword: 'secret' }).message).to.include('MicrosoftAppId');
      expect(configError({ MicrosoftAppId: '', MicrosoftAppPassword: 'secret' }).message).to.include('MicrosoftAppId');
    });

    it('needs a tenant to post to a channel fixed by configuration, taken from MicrosoftAppTenantId by default', () => {
      const channel = { COUNSELLOR_CHANNEL_ID: '19:abc123@thread.tacv2' };
      expect(configError(channel).message).to.include('CHANNEL_TENANT_ID');
      expect(loadConfig({ ...channel, CHANNEL_TENANT_ID: 'tenant' }, NO_FILE)).to.deep.include({ ...channel, CHANNEL_SERVICE_URL: 'https://smba.trafficmanager.net/teams/' });
      const credentials = { MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant' };
      expect(() => loadConfig({ ...credentials, HR_CHANNEL_ID: '19:hr@thread.skype' }, NO_FILE)).not.to.throw();
    });

    it('treats an empty MicrosoftAppId as anonymous local mode', () => {
      expect(isAnonymous(loadConfig({ MicrosoftAppId: '', MicrosoftAppPassword: '' }, NO_FILE))).to.equal(true);
    });
  });

  describe('with a .env file', () => {
    let dir: string;
    let envFile: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'bilan-config-'));
      envFile = join(dir, '.env');
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('uses its values', () => {
      writeFileSync(envFile, '# local settings\nPORT=4000\nSTORAGE=memory\nDEFAULT_LOCALE=en\nLOG_LEVEL=debug\n');
      expect(loadConfig({}, envFile)).to.deep.include({ PORT: 4000, STORAGE: 'memory', DEFAULT_LOCALE: 'en', LOG_LEVEL: 'debug' });
    });

    it('lets the process environment win over it', () => {
      writeFileSync(envFile, 'PORT=4000\nSTORAGE=memory\nDEFAULT_LOCALE=en\n');
      expect(loadConfig({ PORT: '5000', DEFAULT_LOCALE: 'fr' }, envFile)).to.deep.include({ PORT: 5000, STORAGE: 'memory', DEFAULT_LOCALE: 'fr' });
    });

    it('lets an empty MicrosoftAppId in the environment switch authentication off', () => {
      writeFileSync(envFile, 'MicrosoftAppId=app-id\nMicrosoftAppPassword=secret\nMicrosoftAppTenantId=tenant\n');
      expect(isAnonymous(loadConfig({}, envFile))).to.equal(false);
      expect(isAnonymous(loadConfig({ MicrosoftAppId: '', MicrosoftAppPassword: '' }, envFile))).to.equal(true);
    });

    it('reports its invalid values like the environment’s', () => {
      writeFileSync(envFile, 'STORAGE=sql\n');
      expect(configError({}, envFile).message).to.include('STORAGE').and.to.include('lowdb');
    });
  });

  describe('.env.example', () => {
    const example = readFileSync(ENV_EXAMPLE, 'utf8');

    it('documents exactly the variables the configuration reads', () => {
      expect(Object.keys(parseEnv(example)).sort()).to.deep.equal([...CONFIG_VARIABLES].sort());
    });

    it('shows the defaults: loading it gives the same configuration as loading nothing', () => {
      const plain = (config: object) => JSON.parse(JSON.stringify(config)) as unknown;
      expect(plain(loadConfig({}, ENV_EXAMPLE.pathname))).to.deep.equal(plain(loadConfig({}, NO_FILE)));
    });

    it('leaves the credentials empty', () => {
      const values = parseEnv(example);
      for (const name of ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId']) expect(values[name], name).to.equal('');
    });
  });
});
