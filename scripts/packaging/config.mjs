// The effective electron-builder configuration: electron-builder.yml with the
// brand values of resources/brand.json, checked offline against
// electron-builder's own JSON schema. Used by `npm run check:packaging`,
// `npm run dist` and the packaging tests.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import yaml from 'js-yaml';

export const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
export const builderConfigFile = path.join(root, 'electron-builder.yml');
export const brandFile = path.join(root, 'resources', 'brand.json');

/** Side length in pixels of the PNG icon that electron-builder converts. */
export const ICON_SIZE = 1024;

const require = createRequire(import.meta.url);

/** Reads brand.json and checks that it names every brand value. */
export async function readBrand(file = brandFile) {
  const brand = JSON.parse(await readFile(file, 'utf8'));
  for (const key of ['name', 'appId', 'urlScheme']) {
    if (typeof brand[key] !== 'string' || brand[key].trim() === '') {
      throw new Error(
        `${file}: "${key}" is missing or empty; it must be a non-empty string.`,
      );
    }
  }
  return brand;
}

/** Reads electron-builder.yml; a YAML syntax error names the line. */
export async function readBuilderConfig(file = builderConfigFile) {
  const config = yaml.load(await readFile(file, 'utf8'), { filename: file });
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new Error(`${file}: expected a mapping of configuration keys.`);
  }
  return config;
}

function schemesOf(config) {
  return (config.protocols ?? []).flatMap((protocol) => protocol.schemes ?? []);
}

/**
 * Lists where the configuration names other brand values than brand.json,
 * each with the fix. The app and the service read brand.json, so an
 * installer built from different values would register a scheme the app
 * does not handle, or keep its data under another name.
 */
export function brandConflicts(config, brand, file = 'electron-builder.yml') {
  const conflicts = [];
  const expect = (key, actual, expected) => {
    if (actual !== expected) {
      conflicts.push(
        `${file}: ${key} is ${JSON.stringify(actual)}, but resources/brand.json names ${JSON.stringify(expected)}; change ${key} to ${JSON.stringify(expected)}.`,
      );
    }
  };
  expect('appId', config.appId, brand.appId);
  expect('productName', config.productName, brand.name);

  const schemes = schemesOf(config);
  if (schemes.length !== 1 || schemes[0] !== brand.urlScheme) {
    conflicts.push(
      `${file}: protocols name the schemes ${JSON.stringify(schemes)}, but resources/brand.json names the URL scheme ${JSON.stringify(brand.urlScheme)}; list exactly that scheme.`,
    );
  }
  return conflicts;
}

/** Returns a copy of `config` with brand.json's app id, product name and URL scheme. */
export function applyBrand(config, brand) {
  const protocol = config.protocols?.[0] ?? { name: 'Setup link' };
  return {
    ...structuredClone(config),
    appId: brand.appId,
    productName: brand.name,
    protocols: [{ ...protocol, schemes: [brand.urlScheme] }],
  };
}

/** Loads electron-builder's JSON schema from the installed app-builder-lib. */
export async function readBuilderSchema() {
  const schemaFile = require.resolve('app-builder-lib/scheme.json');
  return JSON.parse(await readFile(schemaFile, 'utf8'));
}

/** Turns a JSON pointer such as `/mac/target/0` into `mac.target[0]`. */
function keyPath(pointer) {
  if (pointer === '') {
    return '(top level)';
  }
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce(
      (text, part) =>
        /^\d+$/.test(part)
          ? `${text}[${part}]`
          : text
            ? `${text}.${part}`
            : part,
      '',
    );
}

function describeValue(value) {
  if (typeof value === 'function') {
    return 'a function';
  }
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function valueAt(config, pointer) {
  if (pointer === '') {
    return config;
  }
  return pointer
    .slice(1)
    .split('/')
    .reduce((value, part) => value?.[part], config);
}

/**
 * Turns ajv's errors into one line per configuration key. The schema wraps
 * most keys in `anyOf` (an object, a string or null), so ajv reports every
 * branch. Only the innermost key of each failure is kept, with the
 * alternatives it allows.
 */
export function formatSchemaErrors(errors, config) {
  const paths = [...new Set(errors.map((error) => error.instancePath))];
  const innermost = paths.filter(
    (pointer) =>
      !paths.some(
        (other) => other !== pointer && other.startsWith(`${pointer}/`),
      ),
  );

  return innermost.flatMap((pointer) => {
    const atPointer = errors.filter((error) => error.instancePath === pointer);
    const unknown = atPointer
      .filter((error) => error.keyword === 'additionalProperties')
      .map((error) => error.params.additionalProperty);
    if (unknown.length > 0) {
      return [...new Set(unknown)].map(
        (key) =>
          `${keyPath(pointer === '' ? `/${key}` : `${pointer}/${key}`)}: unknown key; electron-builder does not support it (check its spelling and level).`,
      );
    }

    const expected = new Set();
    for (const error of atPointer) {
      if (error.keyword === 'type') {
        for (const type of [error.params.type].flat()) expected.add(type);
      } else if (error.keyword === 'enum') {
        expected.add(
          `one of ${error.params.allowedValues.map((value) => JSON.stringify(value)).join(', ')}`,
        );
      } else if (error.keyword !== 'anyOf' && error.keyword !== 'typeof') {
        expected.add(error.message);
      }
    }
    const actual = describeValue(valueAt(config, pointer));
    return [
      `${keyPath(pointer)}: invalid value ${actual}; expected ${[...expected].join(' or ')}.`,
    ];
  });
}

let validatorPromise;

/**
 * Returns a validator of configurations against electron-builder's schema,
 * compiled with ajv on the first call. The schema uses one keyword of its
 * own, `typeof`, for hooks given as functions.
 */
export function createConfigValidator() {
  validatorPromise ??= readBuilderSchema().then((schema) => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addKeyword({
      keyword: 'typeof',
      schemaType: 'string',
      validate: (expected, value) => typeof value === expected,
    });
    const validate = ajv.compile(schema);
    return (config) =>
      validate(config) ? [] : formatSchemaErrors(validate.errors ?? [], config);
  });
  return validatorPromise;
}

/** Returns the width and height of a PNG file from its IHDR chunk. */
export async function pngSize(file) {
  const bytes = await readFile(file);
  const signature = '89504e470d0a1a0a';
  if (bytes.subarray(0, 8).toString('hex') !== signature) {
    throw new Error(`${file} is not a PNG file.`);
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Checks that the files the configuration names exist and fit. */
async function checkResources(config) {
  const problems = [];
  const buildResources = path.join(
    root,
    config.directories?.buildResources ?? 'build',
  );
  const icon = path.join(buildResources, 'icon.png');
  try {
    const { width, height } = await pngSize(icon);
    if (width !== ICON_SIZE || height !== ICON_SIZE) {
      problems.push(
        `${path.relative(root, icon)} is ${width}×${height}; electron-builder needs ${ICON_SIZE}×${ICON_SIZE}. Run \`npm run icon\`.`,
      );
    }
  } catch (error) {
    problems.push(
      `${path.relative(root, icon)} cannot be read (${error.code ?? error.message}). Run \`npm run icon\` to render it from resources/icon.svg.`,
    );
  }

  for (const key of ['entitlements', 'entitlementsInherit']) {
    const file = config.mac?.[key];
    if (!file) continue;
    try {
      await readFile(path.resolve(root, file));
    } catch (error) {
      problems.push(
        `mac.${key}: ${file} cannot be read (${error.code ?? error.message}).`,
      );
    }
  }
  return problems;
}

/**
 * Reads electron-builder.yml and brand.json and checks them: the YAML's
 * brand values against brand.json, the effective configuration (the YAML
 * with brand.json's values) against electron-builder's schema, and the icon
 * and entitlements files. Returns the effective configuration and every
 * problem found.
 */
export async function checkPackaging({
  configFile = builderConfigFile,
  brand: brandSource = brandFile,
} = {}) {
  const brand = await readBrand(brandSource);
  const yamlConfig = await readBuilderConfig(configFile);
  const config = applyBrand(yamlConfig, brand);
  const validate = await createConfigValidator();

  const schemaProblems = validate(yamlConfig).map(
    (problem) => `${path.basename(configFile)}: ${problem}`,
  );
  const brandProblems = brandConflicts(
    yamlConfig,
    brand,
    path.basename(configFile),
  );
  const effectiveProblems =
    schemaProblems.length === 0
      ? validate(config).map((problem) => `with brand.json: ${problem}`)
      : [];
  return {
    brand,
    config,
    schemaProblems: [...schemaProblems, ...effectiveProblems],
    brandProblems,
    resourceProblems: await checkResources(config),
  };
}
