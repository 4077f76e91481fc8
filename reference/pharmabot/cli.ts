#!/usr/bin/env node
// Command line: `node dist/reference/pharmabot/cli.js --port 8081 --seed 1 --name green --flaw refusalRate=0.3`.
import { parseArgs } from 'node:util';
import { parseFlawArgs } from './flaws.js';
import { startPharmabot } from './server.js';

const USAGE = `usage: pharmabot [--port N] [--host H] [--seed N] [--name NAME] [--model M]
                 [--prompt-version V] [--index-version V] [--corpus PATH] [--require-api-key]
                 [--flaw name[=value]]...
flaws: refusalRate=0..1 brokenRetrieval=0..1 shortAnswers extraLatencyMs=N errorRate=0..1
       citationSchema=v1|v2 coldStartMs=N rateLimitEvery=N resetEvery=N malformedEvery=N
       hangMs=N numbersChanged`;

// Parses argv, starts the server, prints its URL and closes it on SIGINT / SIGTERM.
async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', default: '1' },
      name: { type: 'string' },
      model: { type: 'string' },
      'prompt-version': { type: 'string' },
      'index-version': { type: 'string' },
      corpus: { type: 'string' },
      'require-api-key': { type: 'boolean', default: false },
      flaw: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const bot = await startPharmabot({
    port: Number(values.port),
    host: values.host,
    seed: Number(values.seed),
    name: values.name,
    model: values.model,
    promptVersion: values['prompt-version'],
    indexVersion: values['index-version'],
    corpusPath: values.corpus,
    requireApiKey: values['require-api-key'],
    flaws: parseFlawArgs(values.flaw),
  });
  console.log(bot.url);
  const stop = (): void => {
    bot.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`pharmabot: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exitCode = 2;
});
