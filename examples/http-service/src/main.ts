// Starts the narrative service: offline by default, OpenAI when OPENAI_API_KEY is set.
//   npm start -w @pm-examples/http-service          (PORT, default 3000; HOST, default 127.0.0.1)
//   curl -X POST localhost:3000/tenants/acme/narrative -d '{"section":"Throughput"}'
import { createService } from './service.js';

const service = await createService();
const url = await service.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1');
console.log(
  `narrative service listening on ${url} (${service.offline ? 'offline provider' : 'OpenAI'}); tenants acme, globex`,
);
// Stop accepting requests on a signal; runs in flight finish and close their ledgers.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    service.server.close(() => process.exit(0));
  });
}
