import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { unzipSync } from 'fflate';
import { ICONS } from '../../scripts/app-icons.js';
import {
  APP_PACKAGE_DIR,
  AppPackageError,
  DEV_BOT_ID,
  DEV_TEAMS_APP_ID,
  PROJECT_ROOT,
  VARIABLES,
  renderAppPackage,
  resolveVariables,
  zipAppPackage,
} from '../../scripts/package-app.js';

/**
 * The Teams app package (issue 4, item 7): appPackage/ and `npm run package`.
 * The manifest and en-us.json are checked against the OFFICIAL Teams JSON schemas, offline: verbatim copies vendored
 * in appPackage/schema/v1.24 (provenance and licence in its README), compiled here with Ajv independently of the
 * package script's own check.
 */

type Json = Record<string, unknown>;
type Manifest = Json & {
  manifestVersion: string;
  id: string;
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] }[];
  staticTabs: { entityId: string; name?: string; contentUrl?: string; scopes: string[] }[];
  configurableTabs: { configurationUrl: string; scopes: string[]; canUpdateConfiguration?: boolean }[];
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
};

const SCHEMA_DIR = resolve(APP_PACKAGE_DIR, 'schema', 'v1.24');
const MANIFEST_SCHEMA = resolve(SCHEMA_DIR, 'MicrosoftTeams.schema.json');
const LOCALIZATION_SCHEMA = resolve(SCHEMA_DIR, 'MicrosoftTeams.Localization.schema.json');
/** The hashes of the files as published (see appPackage/schema/README.md): the copies must stay verbatim. */
const OFFICIAL_SHA256 = {
  [MANIFEST_SCHEMA]: '768bf3055bb335c225e1a8fe4d3071dc02d1d499a8fc0dc07570b6858443441e',
  [LOCALIZATION_SCHEMA]: 'cff1c838e4114239ed6e5175adfedf564cf3a0fa115da44355f3e558f3e46b1f',
};

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Json;

function validator(schemaFile: string): (data: unknown) => string[] {
  // Draft-04 schemas; strict mode off for their draft-04 idioms, non-unicode regexps for patterns such as `\b]`.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  ajvFormats.default(ajv);
  const validate = ajv.compile(readJson(schemaFile));
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`));
}
const manifestErrors = validator(MANIFEST_SCHEMA);
const localizationErrors = validator(LOCALIZATION_SCHEMA);

/** Values a real deployment would give; none is a local default. */
const DEPLOYED = {
  TEAMS_APP_ID: '11111111-2222-4333-8444-555555555555',
  MicrosoftAppId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  BOT_DOMAIN: 'bilan.contoso.example',
  APP_VERSION: '1.2.3',
  DEVELOPER_NAME: 'Contoso RH',
  DEVELOPER_WEBSITE_URL: 'https://rh.contoso.example/bilan',
  DEVELOPER_PRIVACY_URL: 'https://rh.contoso.example/bilan/confidentialite',
  DEVELOPER_TERMS_URL: 'https://rh.contoso.example/bilan/conditions',
};

const manifestOf = (files: ReadonlyMap<string, Uint8Array>) => JSON.parse(Buffer.from(files.get('manifest.json')!).toString('utf8')) as Manifest;

interface Png {
  width: number;
  height: number;
  colourType: number;
  rgba: Uint8Array;
}

/** A small PNG reader (8-bit greyscale, RGB or RGBA, not interlaced; every filter type) for checking the icons. */
function readPng(png: Buffer): Png {
  expect([...png.subarray(0, 8)], 'PNG signature').to.deep.equal([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let header: { width: number; height: number; bitDepth: number; colourType: number; interlace: number } | undefined;
  const idat: Buffer[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8]!, colourType: data[9]!, interlace: data[12]! };
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
    if (type === 'IEND') break;
  }
  if (!header) throw new Error('no IHDR chunk');
  const { width, height, bitDepth, colourType, interlace } = header;
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colourType];
  if (channels === undefined || bitDepth !== 8 || interlace !== 0) throw new Error(`unsupported PNG: colour type ${colourType}, depth ${bitDepth}, interlace ${interlace}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const upLeft = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      const p = left + up - upLeft;
      const paeth = Math.abs(p - left) <= Math.abs(p - up) && Math.abs(p - left) <= Math.abs(p - upLeft) ? left : Math.abs(p - up) <= Math.abs(p - upLeft) ? up : upLeft;
      const predictor = [0, left, up, (left + up) >> 1, paeth][filter];
      if (predictor === undefined) throw new Error(`unknown PNG filter ${filter}`);
      pixels[y * stride + x] = (raw[y * (stride + 1) + 1 + x]! + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const px = pixels.subarray(i * channels, (i + 1) * channels);
    const [r, g, b, a] = channels >= 3 ? [px[0]!, px[1]!, px[2]!, channels === 4 ? px[3]! : 255] : [px[0]!, px[0]!, px[0]!, channels === 2 ? px[1]! : 255];
    rgba.set([r, g, b, a], i * 4);
  }
  return { width, height, colourType, rgba };
}

/** Every string leaf of a JSON value, keyed by its path in the localization files' notation (`bots[0].commandLists[1].commands[0].title`). */
function stringPaths(json: unknown, path = ''): Map<string, string> {
  const found = new Map<string, string>();
  if (typeof json === 'string') found.set(path, json);
  else if (Array.isArray(json)) json.forEach((item, i) => stringPaths(item, `${path}[${i}]`).forEach((v, k) => found.set(k, v)));
  else if (json !== null && typeof json === 'object') {
    for (const [key, item] of Object.entries(json)) stringPaths(item, path ? `${path}.${key}` : key).forEach((v, k) => found.set(k, v));
  }
  return found;
}

describe('Teams app package (appPackage/, scripts/package-app.ts)', () => {
  const template = readJson(resolve(APP_PACKAGE_DIR, 'manifest.json')) as Manifest;
  const english = readJson(resolve(APP_PACKAGE_DIR, 'en-us.json'));

  describe('official schemas, offline', () => {
    it('should vendor the official v1.24 manifest and localization schemas verbatim', () => {
      for (const [file, sha256] of Object.entries(OFFICIAL_SHA256)) {
        expect(createHash('sha256').update(readFileSync(file)).digest('hex'), file).to.equal(sha256);
      }
    });

    it('should use manifest schema 1.24 or later, with matching $schema URLs in both files', () => {
      const [major, minor] = template.manifestVersion.split('.').map(Number);
      expect(major === 1 && minor! >= 24, template.manifestVersion).to.equal(true);
      expect(template.manifestVersion).to.equal('1.24', 'the vendored schema is v1.24: vendor the new one with the version');
      expect(template.$schema).to.equal('https://developer.microsoft.com/json-schemas/teams/v1.24/MicrosoftTeams.schema.json');
      expect(english.$schema).to.equal('https://developer.microsoft.com/json-schemas/teams/v1.24/MicrosoftTeams.Localization.schema.json');
    });

    it('should validate the manifest with local defaults against the official schema', () => {
      const { files, defaulted } = renderAppPackage({});
      const manifest = manifestOf(files);
      expect(manifestErrors(manifest)).to.deep.equal([]);
      expect(manifest.id).to.equal(DEV_TEAMS_APP_ID);
      expect(manifest.bots[0]!.botId).to.equal(DEV_BOT_ID);
      expect(manifest.validDomains).to.deep.equal(['localhost:3978']);
      expect(defaulted).to.include.members(['TEAMS_APP_ID', 'MicrosoftAppId', 'BOT_DOMAIN']);
    });

    it('should validate the manifest with deployment values against the official schema', () => {
      const manifest = manifestOf(renderAppPackage(DEPLOYED).files);
      expect(manifestErrors(manifest)).to.deep.equal([]);
      expect(manifest.version).to.equal('1.2.3');
      expect(manifest.developer).to.deep.equal({
        name: 'Contoso RH',
        websiteUrl: DEPLOYED.DEVELOPER_WEBSITE_URL,
        privacyUrl: DEPLOYED.DEVELOPER_PRIVACY_URL,
        termsOfUseUrl: DEPLOYED.DEVELOPER_TERMS_URL,
      });
    });

    it('should reject what the official schema rejects (the validation is not vacuous)', () => {
      const manifest = manifestOf(renderAppPackage(DEPLOYED).files);
      expect(manifestErrors({ ...manifest, id: 'not-a-guid' }).join('\n')).to.include('/id');
      expect(manifestErrors({ ...manifest, manifestVersion: '1.23' }).join('\n')).to.include('/manifestVersion');
      expect(manifestErrors({ ...manifest, bots: [{ ...manifest.bots[0], scopes: ['everywhere'] }] }).join('\n')).to.include('/bots/0/scopes/0');
      expect(localizationErrors({ ...english, 'configurableTabs[0].name': 'Counsellor' }).join('\n')).to.include('additional properties');
    });

    it('should validate en-us.json against the official localization schema', () => {
      expect(localizationErrors(english)).to.deep.equal([]);
    });
  });

  describe('manifest content', () => {
    let manifest: Manifest;
    let bot: Manifest['bots'][number];
    before(() => {
      manifest = manifestOf(renderAppPackage(DEPLOYED).files);
      bot = manifest.bots[0]!;
    });
    const listFor = (scope: string) => bot.commandLists.find((list) => list.scopes.includes(scope));

    it('should offer the bot in personal and team scopes, with a command list for each', () => {
      expect(bot.scopes).to.have.members(['personal', 'team']);
      expect(listFor('personal')?.commands.length).to.be.greaterThan(0);
      expect(listFor('team')?.commands.length).to.be.greaterThan(0);
    });

    it('should list the counsellor-channel command in team scope, in French and English, restricted to configured admins', () => {
      const teamIndex = bot.commandLists.findIndex((list) => list.scopes.includes('team'));
      const [command] = bot.commandLists[teamIndex]!.commands;
      expect(command!.title).to.equal('canal conseiller');
      expect(command!.description).to.match(/canal/).and.to.match(/conseiller/).and.to.match(/administrateurs configurés/);
      expect(english[`bots[0].commandLists[${teamIndex}].commands[0].title`]).to.equal('set counsellor channel');
      expect(english[`bots[0].commandLists[${teamIndex}].commands[0].description`]).to.match(/channel/).and.to.match(/counsellor/).and.to.match(/configured admins/);
    });

    it('should pin a personal "Mon bilan" / "My bilan" tab after the chat, served from BOT_DOMAIN', () => {
      expect(manifest.staticTabs[0]).to.deep.equal({ entityId: 'conversations', scopes: ['personal'] });
      const index = manifest.staticTabs.findIndex((tab) => tab.name === 'Mon bilan');
      expect(index, 'a static tab named Mon bilan').to.be.greaterThan(0);
      expect(manifest.staticTabs[index]).to.include({ contentUrl: 'https://bilan.contoso.example/tab/index.html?view=personal' });
      expect(manifest.staticTabs[index]!.scopes).to.deep.equal(['personal']);
      expect(english[`staticTabs[${index}].name`]).to.equal('My bilan');
    });

    it('should offer a configurable team tab for counsellors, served from BOT_DOMAIN', () => {
      expect(manifest.configurableTabs).to.have.length(1);
      expect(manifest.configurableTabs[0]).to.include({ configurationUrl: 'https://bilan.contoso.example/tab/config.html', canUpdateConfiguration: true });
      expect(manifest.configurableTabs[0]!.scopes).to.deep.equal(['team']);
    });

    it('should declare BOT_DOMAIN as the valid domain and SSO placeholders derived from the app id', () => {
      expect(manifest.validDomains).to.deep.equal(['bilan.contoso.example']);
      expect(manifest.webApplicationInfo).to.deep.equal({ id: DEPLOYED.MicrosoftAppId, resource: `api://bilan.contoso.example/${DEPLOYED.MicrosoftAppId}` });
      const separateSso = manifestOf(renderAppPackage({ ...DEPLOYED, AAD_APP_CLIENT_ID: '99999999-8888-4777-8666-555555555555' }).files);
      expect(separateSso.webApplicationInfo.id).to.equal('99999999-8888-4777-8666-555555555555');
    });

    it('should have French as the default language and en-us.json translate every localisable string, and only those', () => {
      expect(manifest.localizationInfo).to.deep.equal({ defaultLanguageTag: 'fr-fr', additionalLanguages: [{ languageTag: 'en-us', file: 'en-us.json' }] });
      const schema = readJson(LOCALIZATION_SCHEMA) as { properties: Json; patternProperties: Json };
      const fixedKeys = Object.keys(schema.properties).filter((key) => key !== '$schema' && key !== 'localizationKeys');
      const patterns = Object.keys(schema.patternProperties).map((pattern) => new RegExp(pattern));
      const localisable = [...stringPaths(template).keys()].filter((path) => fixedKeys.includes(path) || patterns.some((p) => p.test(path)));
      const translated = Object.keys(english).filter((key) => key !== '$schema');
      expect(translated).to.have.members(localisable);
      for (const key of translated) expect(english[key], key).to.be.a('string').and.not.equal('');
    });

    it('should leave no placeholder in the rendered manifest or localization file', () => {
      for (const [name, bytes] of renderAppPackage(DEPLOYED).files) {
        if (!name.endsWith('.json')) continue;
        const text = Buffer.from(bytes).toString('utf8');
        expect(text, name).not.to.match(/\$\{\{|\{\{|\}\}|\{[A-Za-z_]\w*\}/);
      }
    });
  });

  describe('icons', () => {
    let color: Png;
    let outline: Png;
    before(() => {
      color = readPng(readFileSync(resolve(APP_PACKAGE_DIR, 'color.png')));
      outline = readPng(readFileSync(resolve(APP_PACKAGE_DIR, 'outline.png')));
    });

    it('should have a 192×192 full-colour icon, opaque everywhere', () => {
      expect([color.width, color.height]).to.deep.equal([192, 192]);
      const alphas = new Set(color.rgba.filter((_, i) => i % 4 === 3));
      expect([...alphas]).to.deep.equal([255]);
      const colours = new Set<string>();
      for (let i = 0; i < color.rgba.length; i += 4) colours.add(color.rgba.subarray(i, i + 3).join(','));
      expect(colours.size, 'distinct colours').to.be.greaterThan(3);
    });

    it('should have a 32×32 outline icon, white on transparent only', () => {
      expect([outline.width, outline.height]).to.deep.equal([32, 32]);
      expect(outline.colourType, 'RGBA (transparency)').to.equal(6);
      let visible = 0;
      for (let i = 0; i < outline.rgba.length; i += 4) {
        const [r, g, b, a] = outline.rgba.subarray(i, i + 4);
        if (a === 0) continue;
        visible++;
        expect([r, g, b], `pixel ${i / 4}`).to.deep.equal([255, 255, 255]);
      }
      expect(visible, 'drawn pixels').to.be.within(50, 32 * 32 - 100);
    });

    it('should be the output of scripts/app-icons.ts (regenerate with `npx tsx scripts/app-icons.ts`)', () => {
      for (const [file, draw] of Object.entries(ICONS)) {
        const drawn = draw();
        const committed = file === 'color.png' ? color : outline;
        expect(Buffer.from(committed.rgba).equals(Buffer.from(drawn.rgba)), file).to.equal(true);
      }
    });
  });

  describe('variables', () => {
    it('should take a local default for unset or empty variables', () => {
      const { values } = resolveVariables({ MicrosoftAppId: '', BOT_DOMAIN: '   ' });
      const { version } = readJson(resolve(PROJECT_ROOT, 'package.json'));
      expect(values).to.include({ TEAMS_APP_ID: DEV_TEAMS_APP_ID, MicrosoftAppId: DEV_BOT_ID, AAD_APP_CLIENT_ID: DEV_BOT_ID, BOT_DOMAIN: 'localhost:3978', APP_VERSION: version });
    });

    it('should name every malformed variable in one error', () => {
      const malformed = {
        TEAMS_APP_ID: '1234',
        MicrosoftAppId: '{aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee}',
        AAD_APP_CLIENT_ID: 'sso',
        BOT_DOMAIN: 'https://bilan.contoso.example',
        APP_VERSION: 'v1',
        DEVELOPER_NAME: 'x'.repeat(33),
        DEVELOPER_WEBSITE_URL: 'http://insecure.example',
        DEVELOPER_PRIVACY_URL: 'privacy',
        DEVELOPER_TERMS_URL: 'https://has space.example',
      };
      expect(Object.keys(malformed)).to.have.members(VARIABLES.map((v) => v.name));
      expect(() => resolveVariables(malformed))
        .to.throw(AppPackageError)
        .that.satisfies((error: Error) => Object.keys(malformed).every((name) => error.message.includes(`${name}:`)));
    });

    it('should refuse a domain with a path or an out-of-range port', () => {
      expect(() => resolveVariables({ BOT_DOMAIN: 'bilan.example/tab' })).to.throw(/BOT_DOMAIN: .*without a path/);
      expect(() => resolveVariables({ BOT_DOMAIN: 'localhost:99999' })).to.throw(/BOT_DOMAIN: has a port above 65535/);
      expect(resolveVariables({ BOT_DOMAIN: 'abc123.devtunnels.ms' }).values.BOT_DOMAIN).to.equal('abc123.devtunnels.ms');
    });
  });

  describe('npm run package (child process)', function () {
    this.timeout(120_000);
    let work: string;
    const isolated = (extra: Record<string, string>) => {
      // The developer's own values must not leak in: drop every variable the script reads, and pass --no-env-file.
      const names = new Set(VARIABLES.map((v) => v.name));
      return { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !names.has(name))), ...extra };
    };
    const npmPackage = (out: string, env: Record<string, string>) =>
      spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'package', '--', '--out', out, '--no-env-file'], {
        cwd: PROJECT_ROOT,
        env: isolated(env),
        encoding: 'utf8',
      });

    before(() => {
      work = mkdtempSync(join(tmpdir(), 'bilan-app-package-'));
    });
    after(() => rmSync(work, { recursive: true, force: true }));

    describe('with valid values', () => {
      let zip: Record<string, Uint8Array>;
      let run: ReturnType<typeof npmPackage>;
      before(() => {
        run = npmPackage(join(work, 'appPackage.zip'), DEPLOYED);
        if (run.status === 0) zip = unzipSync(readFileSync(join(work, 'appPackage.zip')));
      });

      it('should exit 0 and say what it built', () => {
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout).to.include('appPackage.zip').and.include('schema-valid');
      });

      it('should put exactly manifest.json, en-us.json and the two icons at the zip root', () => {
        expect(Object.keys(zip)).to.have.members(['manifest.json', 'en-us.json', 'color.png', 'outline.png']);
        expect(Object.keys(zip)[0]).to.equal('manifest.json');
      });

      it('should substitute the ids and domain and leave no placeholder', () => {
        const text = Buffer.from(zip['manifest.json']!).toString('utf8');
        expect(text).not.to.match(/\$\{\{|\{\{|\}\}|\{[A-Za-z_]\w*\}/);
        const manifest = JSON.parse(text) as Manifest;
        expect(manifest.id).to.equal(DEPLOYED.TEAMS_APP_ID);
        expect(manifest.bots[0]!.botId).to.equal(DEPLOYED.MicrosoftAppId);
        expect(manifest.webApplicationInfo.id).to.equal(DEPLOYED.MicrosoftAppId);
        expect(manifest.validDomains).to.deep.equal([DEPLOYED.BOT_DOMAIN]);
        expect(manifestErrors(manifest)).to.deep.equal([]);
        expect(localizationErrors(JSON.parse(Buffer.from(zip['en-us.json']!).toString('utf8')))).to.deep.equal([]);
      });

      it('should ship the committed icons unchanged', () => {
        for (const icon of ['color.png', 'outline.png']) {
          expect(Buffer.from(zip[icon]!).equals(readFileSync(resolve(APP_PACKAGE_DIR, icon))), icon).to.equal(true);
        }
      });

      it('should be deterministic: the same values give the same bytes', () => {
        expect(Buffer.from(zipAppPackage(renderAppPackage(DEPLOYED).files)).equals(readFileSync(join(work, 'appPackage.zip')))).to.equal(true);
      });
    });

    it('should exit non-zero, naming the variable, and write nothing when an id is malformed', () => {
      const out = join(work, 'malformed.zip');
      const run = npmPackage(out, { ...DEPLOYED, MicrosoftAppId: 'my-bot' });
      expect(run.status).to.equal(1);
      expect(run.stderr).to.include('MicrosoftAppId: must be a GUID').and.include('"my-bot"');
      expect(existsSync(out)).to.equal(false);
    });
  });
});
