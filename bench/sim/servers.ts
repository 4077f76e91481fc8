// Child-process entry: a blue/green pharmabot pair in its own process (its own core), so the
// services' BM25 work does not share the event loop that measures their latency. Started by
// startPair() with fork(); the config comes as the first IPC message, the URLs go back as one.
// The pair stops when the parent disconnects (or dies) or sends 'close'.
import { startPharmabot, type Flaws } from '../../reference/pharmabot/index.js';

export interface PairConfig {
  blueSeed: number;
  greenSeed: number;
  baseLatencyMs: [number, number];
  greenFlaws: Partial<Flaws>;
}

process.once('message', (msg: PairConfig) => {
  void (async () => {
    const [blue, green] = await Promise.all([
      startPharmabot({ name: 'blue', seed: msg.blueSeed, baseLatencyMs: msg.baseLatencyMs }),
      startPharmabot({ name: 'green', seed: msg.greenSeed, baseLatencyMs: msg.baseLatencyMs, flaws: msg.greenFlaws }),
    ]);
    const stop = async (): Promise<void> => {
      await Promise.all([blue.close(), green.close()]);
      process.exit(0);
    };
    process.on('message', (m) => {
      if (m === 'close') void stop();
    });
    process.once('disconnect', () => void stop());
    process.send?.({ blue: blue.url, green: green.url });
  })().catch((e: unknown) => {
    process.stderr.write(`sim servers: ${String(e)}\n`);
    process.exit(1);
  });
});
