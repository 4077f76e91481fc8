// The layers of src/ and what each may import (docs/architecture.md draws them). `npm test` runs
// `depcruise src` with this file: a cycle or an import outside a folder's list fails the build.
/** Folder → the folders of ours it may import (itself always allowed). Lower layers first. */
const LAYERS = {
  model: [],
  files: ['model'],
  stats: ['model'],
  secrets: ['model'],
  targets: ['model', 'secrets'],
  semantic: ['model', 'files', 'targets'],
  replay: ['model', 'targets', 'stats'],
  scoring: ['model', 'stats'],
  gate: ['model', 'scoring', 'stats'],
  report: ['model', 'gate', 'scoring', 'stats'],
  diff: ['model', 'report', 'gate', 'scoring'],
  traffic: ['model', 'stats', 'files'],
  monitor: ['model', 'traffic'],
  state: ['model', 'files'],
  rollout: ['model', 'traffic', 'monitor', 'gate', 'stats', 'files', 'state'],
  record: ['model', 'targets', 'replay', 'scoring', 'secrets', 'report'],
  ci: ['model', 'report'],
  config: ['model', 'files', 'targets', 'semantic', 'replay', 'scoring', 'gate', 'report', 'rollout', 'monitor', 'traffic', 'state'],
  run: [
    'model',
    'files',
    'stats',
    'secrets',
    'targets',
    'semantic',
    'replay',
    'scoring',
    'gate',
    'report',
    'diff',
    'traffic',
    'monitor',
    'rollout',
    'state',
    'record',
    'config',
  ],
};
// The edges: cli/ may import every layer (ci/ included); public/ everything, cli/ too.
LAYERS.cli = [...LAYERS.run, 'run', 'ci'];
LAYERS.public = [...LAYERS.cli, 'cli'];

const layerRules = Object.entries(LAYERS).map(([folder, allowed]) => ({
  name: `layer-${folder}`,
  comment: `src/${folder}/ may import only ${allowed.length ? allowed.map((f) => `${f}/`).join(', ') : 'third-party packages and Node'} (see docs/architecture.md)`,
  severity: 'error',
  from: { path: `^src/${folder}/` },
  to: { path: '^src/', pathNot: `^src/(${[folder, ...allowed].join('|')})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycles tie modules together: break them by moving the shared type down a layer',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unlisted-folder',
      comment: 'Every folder of src/ has a place in LAYERS (.dependency-cruiser.cjs)',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/(${Object.keys(LAYERS).join('|')})/` },
      to: {},
    },
    ...layerRules,
    {
      name: 'azure-only-in-adapters',
      comment: '@azure/* is imported only by the Azure adapters',
      severity: 'error',
      from: { pathNot: '^src/(traffic|monitor|state)/azure/' },
      to: { path: '^node_modules/@azure/' },
    },
    { name: 'no-test-code-in-src', severity: 'error', from: { path: '^src/' }, to: { path: '^(test|bench|reference)/' } },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
  },
};
