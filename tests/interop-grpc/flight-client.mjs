// An Arrow Flight client nobody on this project wrote: @grpc/grpc-js with Flight.proto for the wire, apache-arrow (JS) for
// the Arrow IPC messages inside each FlightData. Drives `featurestore serve-offline` in the offline-serving interop tests.
//   node flight-client.mjs HOST:PORT put-get SPINE.arrow REQUEST_JSON
//     DoPut of the spine (an Arrow IPC file, sent as IPC stream messages) with REQUEST_JSON as the descriptor's command,
//     DoGet of the ticket from the PutResult, DoAction "release"; prints one JSON line:
//     {"ok":true,"ticket","putRows","manifestOnFirstBatch","manifest","released","columns","rows"} (canonical values of
//     ../interop/lib/canonical.mjs), or {"ok":false,"code":N,"details":"..."} when a call fails.
//   node flight-client.mjs HOST:PORT list
//     ListFlights; prints {"ok":true,"services":[{"path":[...],"fields":[{"name","type"}]}]}.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import { Message, tableFromIPC, tableToIPC } from 'apache-arrow';
import { canonicalFromArrow } from '../interop/lib/arrow-canonical.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const loaderOptions = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true };
const protocol = grpc.loadPackageDefinition(protoLoader.loadSync(path.join(here, 'Flight.proto'), loaderOptions)).arrow.flight.protocol;

const [address, scenario, ...args] = process.argv.slice(2);
// Each record batch is one gRPC message: lift grpc-js's 4 MB receive limit.
const client = new protocol.FlightService(address, grpc.credentials.createInsecure(), {
  'grpc.max_receive_message_length': -1,
  'grpc.max_send_message_length': -1,
});
const deadline = () => ({ deadline: new Date(Date.now() + 30_000) });
const endOfStream = Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

function failure(error) {
  return { ok: false, code: error.code, details: error.details };
}

// The messages of an Arrow IPC stream: each is [0xFFFFFFFF] int32 metadata length, a flatbuffer Message, then its body.
function ipcMessages(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const messages = [];
  let at = 0;
  while (at + 4 <= bytes.length) {
    let length = view.getInt32(at, true);
    at += 4;
    if (length === -1) {
      length = view.getInt32(at, true);
      at += 4;
    }
    if (length === 0) break;
    const header = bytes.subarray(at, at + length);
    at += length;
    const bodyLength = Number(Message.decode(header).bodyLength);
    messages.push({ header, body: bytes.subarray(at, at + bodyLength) });
    at += bodyLength;
  }
  return messages;
}

// FlightData messages back into one IPC stream: header padded to 8 bytes, body cut or padded to the header's bodyLength.
function ipcStream(messages) {
  const parts = [];
  for (const { header, body } of messages) {
    const padded = Math.ceil(header.length / 8) * 8;
    const prefix = Buffer.alloc(8);
    prefix.writeInt32LE(-1, 0);
    prefix.writeInt32LE(padded, 4);
    const bodyLength = Number(Message.decode(header).bodyLength);
    const exactBody = Buffer.alloc(bodyLength);
    Buffer.from(body.buffer, body.byteOffset, Math.min(body.length, bodyLength)).copy(exactBody);
    parts.push(prefix, header, Buffer.alloc(padded - header.length), exactBody);
  }
  parts.push(endOfStream);
  return Buffer.concat(parts);
}

// Settles once with the call's outcome, whichever of 'error' or 'end' comes first.
function collect(call) {
  return new Promise((resolve) => {
    const items = [];
    call.on('data', (item) => items.push(item));
    call.on('error', (error) => resolve(failure(error)));
    call.on('end', () => resolve({ ok: true, items }));
  });
}

async function putGet(spineFile, command) {
  const spine = tableFromIPC(readFileSync(spineFile));
  const put = client.DoPut(deadline());
  const putDone = collect(put);
  ipcMessages(tableToIPC(spine, 'stream')).forEach((message, i) =>
    put.write({
      flight_descriptor: i === 0 ? { type: 'CMD', cmd: Buffer.from(command) } : null,
      data_header: message.header,
      data_body: message.body,
    }));
  put.end();
  const putResult = await putDone;
  if (!putResult.ok) return putResult;
  const ticket = JSON.parse(Buffer.from(putResult.items[0].app_metadata).toString('utf8'));

  const got = await collect(client.DoGet({ ticket: Buffer.from(ticket.ticket) }, deadline()));
  if (!got.ok) return got;
  const flightData = got.items;
  const withMetadata = flightData.findIndex((d) => d.app_metadata.length > 0);
  const manifest = JSON.parse(Buffer.from(flightData[withMetadata].app_metadata).toString('utf8'));
  const table = tableFromIPC(ipcStream(flightData.map((d) => ({ header: d.data_header, body: d.data_body }))));

  const released = await collect(client.DoAction({ type: 'release', body: Buffer.from(ticket.ticket) }, deadline()));
  return {
    ok: true,
    ticket: ticket.ticket,
    putRows: ticket.rows,
    // FlightData 0 is the schema; the manifest rides on the first record batch.
    manifestOnFirstBatch: withMetadata === 1,
    manifest: { output: manifest.output.path, output_rows: manifest.output_rows, spine: manifest.spine.path, features: manifest.features.map((f) => f.column) },
    released: released.ok && Buffer.from(released.items[0].body).toString('utf8') === 'released',
    ...canonicalFromArrow(table),
  };
}

async function list() {
  const listed = await collect(client.ListFlights({ expression: Buffer.alloc(0) }, deadline()));
  if (!listed.ok) return listed;
  return {
    ok: true,
    services: listed.items.map((info) => ({
      path: info.flight_descriptor.path,
      // FlightInfo.schema is one encapsulated IPC schema message: with an end-of-stream marker it reads as an empty table.
      fields: tableFromIPC(Buffer.concat([info.schema, endOfStream])).schema.fields.map((f) => ({ name: f.name, type: String(f.type) })),
    })),
  };
}

const result = scenario === 'put-get' ? await putGet(args[0], args[1]) : scenario === 'list' ? await list() : { ok: false, details: `unknown scenario ${scenario}` };
process.stdout.write(`${JSON.stringify(result)}\n`);
client.close();
