// An independent gRPC client (@grpc/grpc-js, the Node implementation) for the feature server's interop tests.
//   node client.mjs HOST:PORT SCENARIO   → prints one JSON line: {"ok":true,...} or {"ok":false,"code":N,"details":"..."}
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import descriptor from 'protobufjs/ext/descriptor/index.js';
import * as wiretap from './wiretap.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const protos = path.resolve(here, '../../protos');
const loaderOptions = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true, includeDirs: [protos] };
const serving = grpc.loadPackageDefinition(protoLoader.loadSync('featurestore/serving/v1/serving.proto', loaderOptions)).featurestore.serving.v1;
const health = grpc.loadPackageDefinition(protoLoader.loadSync('grpc/health/v1/health.proto', loaderOptions)).grpc.health.v1;
// The reflection protos come from @grpc/reflection (v1 and v1alpha have the same messages).
const reflectionProtos = path.resolve(here, 'node_modules/@grpc/reflection/build/proto');
const reflectionOptions = { ...loaderOptions, includeDirs: [reflectionProtos] };
const reflection = (version) =>
  grpc.loadPackageDefinition(protoLoader.loadSync(`grpc/reflection/${version}/reflection.proto`, reflectionOptions)).grpc.reflection[version];

const [address, scenario] = process.argv.slice(2);
const credentials = grpc.credentials.createInsecure();
const features = new serving.FeatureServing(address, credentials);
const healthClient = new health.Health(address, credentials);

const deadline = (ms) => ({ deadline: new Date(Date.now() + ms) });
const int64s = (...values) => ({ val: values.map((v) => ({ int64_val: String(v) })) });
const strings = (...values) => ({ val: values.map((v) => ({ string_val: v })) });

function unary(client, method, request, options, metadata) {
  return new Promise((resolve) => {
    client[method](request, metadata ?? new grpc.Metadata(), options ?? deadline(5000), (error, response) => {
      if (error) resolve(failure(error));
      else resolve({ ok: true, response });
    });
  });
}

function failure(error) {
  return { ok: false, code: error.code, details: error.details };
}

// Server-streaming health Watch on the whole server: collects statuses until `done(seen)` says stop, then cancels.
function watch(done, onStatus) {
  return new Promise((resolve) => {
    const seen = [];
    const call = healthClient.Watch({ service: '' }, deadline(20000));
    call.on('data', (reply) => {
      seen.push(reply.status);
      onStatus?.(seen);
      if (done(seen)) {
        call.cancel();
        resolve({ ok: true, seen });
      }
    });
    call.on('error', (error) => resolve(error.code === grpc.status.CANCELLED ? { ok: true, seen } : { ...failure(error), seen }));
  });
}

// One ServerReflectionInfo stream: list the services, then the file declaring FeatureServing.
async function describe(version) {
  const client = new (reflection(version).ServerReflection)(address, credentials);
  const call = client.ServerReflectionInfo(deadline(5000));
  call.write({ list_services: '' });
  call.write({ file_containing_symbol: 'featurestore.serving.v1.FeatureServing' });
  call.end();
  const result = { ok: true };
  try {
    for await (const reply of call) {
      if (reply.message_response === 'list_services_response') {
        result.services = reply.list_services_response.service.map((s) => s.name);
      } else if (reply.message_response === 'file_descriptor_response') {
        result.files = reply.file_descriptor_response.file_descriptor_proto.map((bytes) => {
          const file = descriptor.FileDescriptorProto.decode(bytes);
          return { name: file.name, package: file.package, services: file.service.map((s) => ({ name: s.name, methods: s.method.map((m) => m.name) })) };
        });
      } else {
        return { ok: false, code: reply.error_response?.error_code, details: reply.error_response?.error_message };
      }
    }
  } catch (error) {
    return failure(error);
  } finally {
    client.close();
  }
  return result;
}

function flatten(response) {
  const names = response.metadata.feature_names.val;
  return {
    ok: true,
    names,
    values: response.results.map((r) => r.values.map((v) => (v.val ? String(v[v.val]) : null))),
    statuses: response.results.map((r) => r.statuses),
    eventSeconds: response.results.map((r) => r.event_timestamps.map((t) => Number(t.seconds))),
  };
}

const rideRanking = { feature_service: 'ride_ranking', entities: { driver_id: int64s(1001, 1002, 77), customer_id: strings('c1', 'c1', 'c1') } };

const scenarios = {
  async success() {
    const reply = await unary(features, 'GetOnlineFeatures', rideRanking);
    return reply.ok ? flatten(reply.response) : reply;
  },
  async fullNames() {
    const reply = await unary(features, 'GetOnlineFeatures', {
      features: { val: ['driver_stats:trips', 'customer_profile:trips'] },
      entities: { driver_id: int64s(1001), customer_id: strings('c1') },
      full_feature_names: true,
    });
    return reply.ok ? flatten(reply.response) : reply;
  },
  notFound: () => unary(features, 'GetOnlineFeatures', { feature_service: 'café_service', entities: { driver_id: int64s(1) } }),
  invalidArgument: () => unary(features, 'GetOnlineFeatures', { features: { val: ['driver_stats:trips'] }, entities: { driver_id: strings('not-a-number') } }),
  deadline: () => unary(features, 'GetOnlineFeatures', { features: { val: ['driver_stats:trips'] }, entities: { driver_id: int64s(1001) } }, deadline(300)),
  unavailable: () => unary(features, 'GetOnlineFeatures', { features: { val: ['driver_stats:trips'] }, entities: { driver_id: int64s(1001) } }),
  unimplemented() {
    return new Promise((resolve) => {
      features.makeUnaryRequest('/featurestore.serving.v1.FeatureServing/Nope', (x) => x, (x) => x, Buffer.alloc(0), deadline(5000), (error) => {
        resolve(error ? failure(error) : { ok: true });
      });
    });
  },
  async health() {
    const whole = await unary(healthClient, 'Check', { service: '' });
    const service = await unary(healthClient, 'Check', { service: 'featurestore.serving.v1.FeatureServing' });
    const unknown = await unary(healthClient, 'Check', { service: 'no.such.Service' });
    return { ok: true, whole: whole.response?.status, service: service.response?.status, unknownCode: unknown.code };
  },
  watch: () => watch((seen) => seen.length === 1),
  // Prints a progress line after the first status (the test then stops the store), and ends at NOT_SERVING.
  watchOutage: () => watch((seen) => seen.at(-1) === 'NOT_SERVING', (seen) => seen.length === 1 && console.log(JSON.stringify({ seen }))),
  async reflection() {
    return { ok: true, v1: await describe('v1'), v1alpha: await describe('v1alpha') };
  },
  // The same read plain and with gzip ('grpc.default_compression_algorithm': 2), with what each put on the wire.
  async gzip() {
    wiretap.install();
    const gzipFeatures = new serving.FeatureServing(address, credentials, { 'grpc.default_compression_algorithm': 2 });
    const plain = await unary(features, 'GetOnlineFeatures', rideRanking);
    const gzip = await unary(gzipFeatures, 'GetOnlineFeatures', rideRanking);
    gzipFeatures.close();
    if (!plain.ok || !gzip.ok) return plain.ok ? gzip : plain;
    const [plainWire, gzipWire] = wiretap.calls.filter((c) => c.path.endsWith('/GetOnlineFeatures'));
    return { ok: true, plain: flatten(plain.response), gzip: flatten(gzip.response), plainWire, gzipWire };
  },
};

// auth:VIEW:FEATURE reads one feature of driver 1001 with the key in FEATURESTORE_API_KEY (none when unset) as bearer metadata.
async function auth(reference) {
  const metadata = new grpc.Metadata();
  if (process.env.FEATURESTORE_API_KEY) metadata.set('authorization', `Bearer ${process.env.FEATURESTORE_API_KEY}`);
  const reply = await unary(features, 'GetOnlineFeatures', { features: { val: [reference] }, entities: { driver_id: int64s(1001) } }, undefined, metadata);
  return reply.ok ? flatten(reply.response) : reply;
}

const run = scenario?.startsWith('auth:') ? () => auth(scenario.slice('auth:'.length)) : scenarios[scenario];
if (!run) {
  console.log(JSON.stringify({ ok: false, code: -1, details: `unknown scenario ${scenario}` }));
  process.exit(2);
}
console.log(JSON.stringify(await run()));
features.close();
healthClient.close();
