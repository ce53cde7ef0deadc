import diagnosticsChannel from 'node:diagnostics_channel';

/**
 * Counts outgoing HTTP requests of this process, whichever client makes them: node:http
 * (mappersmith in the Confluent client, the AWS SDK) publishes on `http.client.request.start`,
 * fetch (undici) on `undici:request:create`. Nothing in the code under test is patched.
 */
export function countHttpRequests(): { readonly count: () => number; readonly stop: () => void } {
  let requests = 0;
  const onRequest = () => {
    requests++;
  };
  const channels = ['http.client.request.start', 'undici:request:create'];
  for (const name of channels) diagnosticsChannel.subscribe(name, onRequest);
  return {
    count: () => requests,
    stop: () => {
      for (const name of channels) diagnosticsChannel.unsubscribe(name, onRequest);
    },
  };
}
