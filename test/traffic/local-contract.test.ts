// The router contract suite against the local router over two real pharmabot revisions.
import { startLocalRouter } from '../../src/traffic/local/index.js';
import { routerContract } from './contract.js';
import { pharmabots, tempDir } from './local-helpers.js';

routerContract('local', async () => {
  const bots = await pharmabots();
  const state = await tempDir();
  const local = await startLocalRouter({
    app: 'pharmabot',
    revisions: [
      { name: 'pharmabot--blue', url: bots.blue.url },
      { name: 'pharmabot--green', url: bots.green.url },
    ],
    stateDir: state.dir,
    healthIntervalMs: 200,
  });
  return {
    router: local.router,
    revisions: { blue: 'pharmabot--blue', green: 'pharmabot--green' },
    async teardown() {
      await local.close();
      await bots.close();
      await state.remove();
    },
  };
});
