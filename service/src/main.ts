import {
  adminTokenFile,
  ConfigError,
  loadServiceConfig,
  publicUrlOf,
} from './config';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrations';
import { createLogger } from './logger';
import { buildServer } from './server';

/** Starts the service from MITELONE_* environment variables. */
async function main() {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  const database = openDatabase(config.database);

  const migrations = await migrateToLatest(database);
  logger.info(
    {
      database: config.database.kind,
      applied: migrations.map((migration) => migration.migrationName),
    },
    'Database ready',
  );

  const app = await buildServer({ config, logger, database });
  const address = await app.listen({ host: config.host, port: config.port });
  const listening = app.server.address();
  const port =
    typeof listening === 'object' && listening ? listening.port : undefined;

  logger.info(
    {
      address,
      publicUrl: publicUrlOf(config, port),
      dataDir: config.dataDir,
      adminTokenFile: process.env.MITELONE_ADMIN_TOKEN
        ? undefined
        : adminTokenFile(config.dataDir),
      email: config.smtpUrl ? 'smtp' : 'outbox',
    },
    `Service listening on ${address}`,
  );

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;

    logger.info({ signal }, 'Service stopping');
    try {
      await app.close();
      await database.close();
      logger.info('Service stopped');
    } catch (error) {
      logger.error({ err: error }, 'Service did not stop cleanly');
      process.exitCode = 1;
    }
  };

  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function loadConfigOrExit() {
  try {
    return loadServiceConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;

    console.error(`Configuration error: ${error.message}`);
    process.exit(2);
  }
}

main().catch((error: unknown) => {
  console.error('The service failed to start:', error);
  process.exit(1);
});
