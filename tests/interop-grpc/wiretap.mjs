// Records what grpc-js puts on and takes off the HTTP/2 wire for each call: the grpc-encoding headers and the
// compressed-flag byte that starts each gRPC message frame. grpc-js strips grpc-encoding from the metadata it hands
// to callers, so this is the only place a Node client can see whether a message really travelled compressed.
import http2 from 'node:http2';

export const calls = [];

export function install() {
  const connect = http2.connect;
  http2.connect = (...args) => {
    const session = connect(...args);
    const request = session.request.bind(session);
    session.request = (headers, options) => {
      const stream = request(headers, options);
      const call = { path: headers[':path'], requestEncoding: headers['grpc-encoding'] ?? null, requestFlags: [], responseEncoding: null, responseFlag: null };
      calls.push(call);
      const write = stream.write.bind(stream);
      // grpc-js writes one whole frame (5-byte prefix + message) per write.
      stream.write = (frame, ...rest) => {
        call.requestFlags.push(frame[0]);
        return write(frame, ...rest);
      };
      stream.on('response', (responseHeaders) => { call.responseEncoding = responseHeaders['grpc-encoding'] ?? null; });
      stream.on('data', (chunk) => { call.responseFlag ??= chunk[0]; });
      return stream;
    };
    return session;
  };
}
