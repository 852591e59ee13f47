// An independent gRPC client (@grpc/grpc-js, the Node implementation) for the feature server's interop tests.
//   node client.mjs HOST:PORT SCENARIO   → prints one JSON line: {"ok":true,...} or {"ok":false,"code":N,"details":"..."}
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const here = path.dirname(fileURLToPath(import.meta.url));
const protos = path.resolve(here, '../../protos');
const loaderOptions = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true, includeDirs: [protos] };
const serving = grpc.loadPackageDefinition(protoLoader.loadSync('featurestore/serving/v1/serving.proto', loaderOptions)).featurestore.serving.v1;
const health = grpc.loadPackageDefinition(protoLoader.loadSync('grpc/health/v1/health.proto', loaderOptions)).grpc.health.v1;

const [address, scenario] = process.argv.slice(2);
const credentials = grpc.credentials.createInsecure();
const features = new serving.FeatureServing(address, credentials);
const healthClient = new health.Health(address, credentials);

const deadline = (ms) => ({ deadline: new Date(Date.now() + ms) });
const int64s = (...values) => ({ val: values.map((v) => ({ int64_val: String(v) })) });
const strings = (...values) => ({ val: values.map((v) => ({ string_val: v })) });

function unary(client, method, request, options) {
  return new Promise((resolve) => {
    client[method](request, new grpc.Metadata(), options ?? deadline(5000), (error, response) => {
      if (error) resolve({ ok: false, code: error.code, details: error.details });
      else resolve({ ok: true, response });
    });
  });
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

const scenarios = {
  async success() {
    const reply = await unary(features, 'GetOnlineFeatures', {
      feature_service: 'ride_ranking',
      entities: { driver_id: int64s(1001, 1002, 77), customer_id: strings('c1', 'c1', 'c1') },
    });
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
        resolve(error ? { ok: false, code: error.code, details: error.details } : { ok: true });
      });
    });
  },
  async health() {
    const whole = await unary(healthClient, 'Check', { service: '' });
    const service = await unary(healthClient, 'Check', { service: 'featurestore.serving.v1.FeatureServing' });
    const unknown = await unary(healthClient, 'Check', { service: 'no.such.Service' });
    return { ok: true, whole: whole.response?.status, service: service.response?.status, unknownCode: unknown.code };
  },
};

const run = scenarios[scenario];
if (!run) {
  console.log(JSON.stringify({ ok: false, code: -1, details: `unknown scenario ${scenario}` }));
  process.exit(2);
}
console.log(JSON.stringify(await run()));
features.close();
healthClient.close();
