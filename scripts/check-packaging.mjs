// `npm run check:packaging`: checks the installer configuration offline.
// electron-builder.yml with the brand values of resources/brand.json must
// pass electron-builder's own JSON schema, name the same brand values, and
// find its icon and entitlements. Exits with 1 and lists every problem
// otherwise.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkPackaging, root } from './packaging/config.mjs';

const usage = `Usage: node scripts/check-packaging.mjs [--config FILE] [--brand FILE]

  --config FILE  electron-builder configuration to check (default: electron-builder.yml)
  --brand FILE   brand values to compare with (default: resources/brand.json)`;

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      config: { type: 'string' },
      brand: { type: 'string' },
      help: { type: 'boolean' },
    },
  }));
} catch (error) {
  console.error(`error: ${error.message}\n\n${usage}`);
  process.exit(2);
}
if (options.help) {
  console.log(usage);
  process.exit(0);
}

const configFile = path.resolve(
  options.config ?? path.join(root, 'electron-builder.yml'),
);
let result;
try {
  result = await checkPackaging({
    configFile,
    brand: options.brand && path.resolve(options.brand),
  });
} catch (error) {
  console.error(`error: ${error.message}`);
  process.exit(1);
}

const problems = [
  ...result.schemaProblems,
  ...result.brandProblems,
  ...result.resourceProblems,
];
if (problems.length > 0) {
  console.error(
    `error: the installer configuration has ${problems.length} problem(s):`,
  );
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}

const { config } = result;
console.log(
  `${path.relative(process.cwd(), configFile) || configFile} is valid: appId ${config.appId}, ` +
    `product "${config.productName}", URL scheme ${config.protocols[0].schemes[0]}://, ` +
    `checked against electron-builder's schema.`,
);
