import http from 'node:http';
import { parseArgs } from 'node:util';
import { hashPassword } from '../service/src/auth/passwords';
import {
  inviteMany,
  startBenchService,
  type BenchService,
} from './support/bench-service';
import { describeMachine, printMachine } from './support/machine';
import { parseWholeNumber } from './support/options';
import {
  formatMs,
  printTable,
  runBenchmark,
  summaryCells,
  writeResult,
} from './support/report';
import type { ServiceUsage } from './support/service-messages';
import { summarize, type Summary } from './support/stats';

/**
 * The reference service under load, in its own process:
 * - invitation lookups per second (`GET /v1/invitations/:token` with a valid
 *   token) at several concurrency levels, over keep-alive connections of
 *   Node's `http` module, from this process;
 * - registration latency (`POST /v1/registrations`, one at a time);
 * - the argon2id password hash alone, with the service's own function.
 */

const PASSWORD = 'Sonnenblume-Fahrrad-42';

interface Options {
  durationMs: number;
  concurrency: number[];
  registrations: number;
  warmup: number;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '1,8,32' },
      registrations: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '2' },
    },
  });
  return {
    durationMs: parseWholeNumber(values.duration, '--duration', 1) * 1000,
    concurrency: values.concurrency
      .split(',')
      .map((level) => parseWholeNumber(level, '--concurrency', 1)),
    registrations: parseWholeNumber(values.registrations, '--registrations', 1),
    warmup: parseWholeNumber(values.warmup, '--warmup', 0),
  };
}

interface Response {
  status: number;
  ms: number;
  reusedSocket: boolean;
}

/** Sends one GET and reads the body, which the time includes, then drops it. */
function get(url: string, agent: http.Agent): Promise<Response> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get(url, { agent }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          ms: performance.now() - started,
          reusedSocket: request.reusedSocket,
        }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

interface LoadResult {
  concurrency: number;
  seconds: number;
  requests: number;
  errors: number;
  requestsPerSecond: number;
  /** TCP connections opened; equal to the concurrency when keep-alive works. */
  connections: number;
  latencyMs: Summary;
  /** CPU time over wall time, in % of one core. */
  serviceCpuPercent: number;
  generatorCpuPercent: number;
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

/** Sends requests from `concurrency` loops, each waiting for its response. */
async function generateLoad(
  service: BenchService,
  url: string,
  concurrency: number,
  durationMs: number,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let connections = 0;

  const serviceBefore: ServiceUsage = await service.usage();
  const generatorBefore = process.cpuUsage();
  const started = performance.now();
  const end = started + durationMs;

  const loop = async () => {
    while (performance.now() < end) {
      const response = await get(url, agent);
      if (!response.reusedSocket) connections++;
      if (response.status === 200) latencies.push(response.ms);
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));

  const seconds = (performance.now() - started) / 1000;
  const generatorCpu = cpuMs(process.cpuUsage(generatorBefore));
  const serviceAfter = await service.usage();
  agent.destroy();

  return {
    concurrency,
    seconds,
    requests: latencies.length,
    errors,
    requestsPerSecond: latencies.length / seconds,
    connections,
    latencyMs: summarize(latencies),
    serviceCpuPercent:
      ((cpuMs(serviceAfter.cpu) - cpuMs(serviceBefore.cpu)) /
        (seconds * 1000)) *
      100,
    generatorCpuPercent: (generatorCpu / (seconds * 1000)) * 100,
  };
}

interface Invitation {
  email: string;
  terms: { version: string };
}

async function lookUp(link: string): Promise<Invitation> {
  const token = new URL(link).pathname.split('/').at(-1)!;
  const url = new URL(`/v1/invitations/${token}`, link);
  const response = await fetch(url);
  if (response.status !== 200) {
    throw new Error(
      `GET ${url.pathname} returned ${response.status}: ${await response.text()}`,
    );
  }
  return (await response.json()) as Invitation;
}

/** Registers with each link in turn and returns each request's time in ms. */
async function measureRegistrations(
  serviceUrl: string,
  links: string[],
): Promise<number[]> {
  const { terms } = await lookUp(links[0]!);
  const durations: number[] = [];

  for (const [index, link] of links.entries()) {
    const body = JSON.stringify({
      token: new URL(link).pathname.split('/').at(-1),
      displayName: `Person ${index + 1}`,
      password: PASSWORD,
      acceptedTermsVersion: terms.version,
    });
    const started = performance.now();
    const response = await fetch(`${serviceUrl}/v1/registrations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    const text = await response.text();
    durations.push(performance.now() - started);
    if (response.status !== 201) {
      throw new Error(
        `Registration ${index + 1} returned ${response.status}: ${text}`,
      );
    }
  }
  return durations;
}

async function measureHashes(count: number): Promise<number[]> {
  const durations: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await hashPassword(`${PASSWORD}-${index}`);
    durations.push(performance.now() - started);
  }
  return durations;
}

function printLoad(results: LoadResult[]): void {
  printTable(
    'GET /v1/invitations/:token (valid token, keep-alive, Node http client)',
    [
      'concurrency',
      'seconds',
      'requests',
      'errors',
      'req/s',
      'conns',
      'median ms',
      'p95 ms',
      'max ms',
      'service CPU %',
      'client CPU %',
    ],
    results.map((result) => [
      String(result.concurrency),
      result.seconds.toFixed(1),
      String(result.requests),
      String(result.errors),
      result.requestsPerSecond.toFixed(0),
      String(result.connections),
      formatMs(result.latencyMs.median),
      formatMs(result.latencyMs.p95),
      formatMs(result.latencyMs.max),
      result.serviceCpuPercent.toFixed(0),
      result.generatorCpuPercent.toFixed(0),
    ]),
  );
}

async function main(): Promise<void> {
  const options = parseOptions();
  const service = await startBenchService();

  try {
    const machine = describeMachine();
    printMachine(machine);

    const account = await service.createAccount('Benchmark GmbH');
    const count = options.registrations + options.warmup;
    console.log(`Creating ${count + 1} invitations with the admin CLI...`);
    const [lookupLink] = await inviteMany(service, account, 'lookup', 1);
    const registrationLinks = await inviteMany(
      service,
      account,
      'register',
      count,
    );

    const invitation = await lookUp(lookupLink!);
    if (invitation.email !== 'lookup-1@example.com') {
      throw new Error(
        `The lookup returned ${invitation.email}, not lookup-1@example.com`,
      );
    }
    const lookupUrl = new URL(
      `/v1/invitations/${new URL(lookupLink!).pathname.split('/').at(-1)}`,
      service.url,
    ).href;

    console.log('Warming up: 2 s of lookups at concurrency 8...');
    await generateLoad(service, lookupUrl, 8, 2000);
    const load: LoadResult[] = [];
    for (const concurrency of options.concurrency) {
      console.log(
        `Lookups at concurrency ${concurrency} for ${options.durationMs / 1000} s...`,
      );
      load.push(
        await generateLoad(service, lookupUrl, concurrency, options.durationMs),
      );
    }

    console.log(
      `Registering ${options.warmup} + ${options.registrations} people one at a time...`,
    );
    const registrations = await measureRegistrations(
      service.url,
      registrationLinks,
    );
    console.log(
      `Hashing ${options.warmup} + ${options.registrations} passwords...`,
    );
    const hashes = await measureHashes(count);

    const registration = summarize(registrations.slice(options.warmup));
    const hash = summarize(hashes.slice(options.warmup));
    printLoad(load);
    printTable(
      'Registration and its password hash (ms)',
      ['what', 'runs', 'median', 'p95', 'min', 'max'],
      [
        [
          'POST /v1/registrations (one at a time)',
          ...summaryCells(registration),
        ],
        ['argon2id hash alone (m=19456 KiB, t=2, p=1)', ...summaryCells(hash)],
      ],
    );

    await writeResult('service-throughput', {
      benchmark: 'service-throughput',
      machine,
      client:
        'node:http with a keep-alive Agent (maxSockets = concurrency), in the benchmark process',
      warmup: {
        lookups: 'concurrency 8 for 2 s',
        registrations: options.warmup,
        hashes: options.warmup,
      },
      lookups: load,
      registrationMs: registration,
      hashMs: hash,
      samples: { registrationMs: registrations, hashMs: hashes },
    });
  } finally {
    await service.close();
  }
}

runBenchmark(main);
