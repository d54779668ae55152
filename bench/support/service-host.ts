import { startService } from '../../tests/e2e/support/service';
import type { HostReply, HostRequest } from './service-messages';

/**
 * The reference service in a process of its own, started by
 * `startBenchService` with `fork`. Alone in its process, the service's
 * memory and CPU time can be read apart from the load generator and the
 * browser driver. Takes the SMTP URL and, optionally, a JSON object of more
 * MITELONE_* settings as its arguments.
 */

const [smtpUrl, envJson = '{}'] = process.argv.slice(2);
if (!smtpUrl || !process.send) {
  console.error('error: start this file with fork() and an SMTP URL argument');
  process.exit(2);
}

const service = await startService({
  smtpUrl,
  env: JSON.parse(envJson) as Record<string, string>,
});

function reply(message: HostReply, then?: () => void): void {
  process.send!(message, undefined, {}, () => then?.());
}

async function handle(request: HostRequest): Promise<unknown> {
  switch (request.type) {
    case 'admin':
      return service.adminJson(...request.args);
    case 'usage':
      return { memory: process.memoryUsage(), cpu: process.cpuUsage() };
    case 'close':
      await service.close();
      return null;
  }
}

process.on('message', (request: HostRequest) => {
  handle(request).then(
    (value) =>
      reply({ id: request.id, ok: true, value }, () => {
        if (request.type === 'close') process.exit(0);
      }),
    (error: unknown) =>
      reply({ id: request.id, ok: false, message: String(error) }),
  );
});
// Without its parent, no process could stop the service, so it stops itself.
process.on('disconnect', () => process.exit(0));

reply({
  id: 0,
  ok: true,
  value: { url: service.url, dataDir: service.dataDir },
});
