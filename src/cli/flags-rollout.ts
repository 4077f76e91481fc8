// The rollout commands' arguments, flags and help (rollout, rollout approve, rollback, status),
// typed like the others in flags.ts (which re-exports them).
import { Command } from '@commander-js/extra-typings';
import { COMMAND_EXIT_CODES, ROLLOUT_EXIT_CODES, exitCodesHelp } from './exit-codes.js';
import { int, type FlagsOf } from './flag-parsers.js';

const ROLLOUT_EXIT_HELP = exitCodesHelp(ROLLOUT_EXIT_CODES);

export const rolloutCommand = () =>
  new Command('rollout')
    .description('roll green out step by step (shift traffic, analyse, hold, approve), rolling back at once on any breach')
    .argument('<suite>', 'suite YAML file with a rollout: section')
    .option('--dry-run', 'run the plan on a virtual clock: reads run, every write is printed, nothing moves')
    .option('--resume', "continue the app's interrupted or paused rollout from its last verified state")
    .option(
      '--detach',
      'exit at waits that outlast a CI job, state saved: an approval gate (exit 5; a later job approves and resumes) and, after the cutover, the keep-warm period (exit 0; a later --resume deactivates blue)',
    )
    .option(
      '--approve [by]',
      'with --resume: approve the step the rollout waits at (as `by`; default $GITHUB_ACTOR or $USER), then continue',
    )
    .option('--break-lock', 'take over a STALE lock (an expired one; a live lock is never broken)')
    .option('--blue <revision>', 'the serving revision (default: rollout.blue, "auto")')
    .option('--green <revision>', 'the new revision (default: rollout.green, "latest")')
    .option('--token <token>', 'azure-container-apps: an ARM bearer token instead of DefaultAzureCredential')
    .addHelpText(
      'after',
      `
Each step: set the whole traffic table, read it back and verify it; golden replay of green
against blue (only pass advances); hold while watching green's health and fingerprint (every
rollout.pollInterval) and, with rollout.live, judging live user traffic (revgate's own requests
excluded); wait for an approval when asked. Every write to the app goes through one serialized
writer that waits for an operation in flight and retries 409/429/5xx (rollout.writeTimeout;
rollbacks: rollout.rollbackTimeout). Every event is written durably to the run's journal in
rollout.state (local: reports/<run>/journal.jsonl; azure-blob: a container next to the app);
--resume folds it and continues, on this machine or another.

Across CI jobs (--detach): the job ends at an approval gate with exit 5 (traffic stays at
the step, the lock is released, the state saved); a later job behind a GitHub environment with
required reviewers runs \`revgate rollout <suite> --resume --approve --detach\`, which cuts over and
exits 0 with blue warm; a last job after keepPrevious runs \`--resume\` to deactivate blue. Keep
the state in azure-blob (rollout.state) so later jobs find it (docs/github/rollout-approval.yml).

Ctrl-C: the first rolls back (waiting for a write in flight) and exits 130 with 100% blue
verified; after the cutover it stops with blue warm (--resume finishes). A second Ctrl-C quits at
once and tells you to check \`revgate status\` / run \`revgate rollback\`.

Examples:
  $ revgate rollout suites/pharmabot-rollout.yaml --dry-run
  $ revgate rollout suites/pharmabot-rollout.yaml --green pharmabot--v2
  $ revgate rollout suites/pharmabot-rollout.yaml --resume --break-lock
  $ revgate rollout suites/pharmabot-rollout.yaml --detach
  $ revgate rollout suites/pharmabot-rollout.yaml --resume --approve alice
  $ revgate rollout approve --suite suites/pharmabot-rollout.yaml --step 3
${ROLLOUT_EXIT_HELP}`,
    );

export const approveCommand = () =>
  new Command('approve')
    .description('approve the step an active rollout is waiting at (recorded durably next to its journal)')
    .option('--suite <file>', "the rollout's suite: its rollout.state says where the state is (default: local files under --state-dir)")
    .option('--app <app>', 'the app (needed when several rollouts are active)')
    .option('--step <n>', 'the step to approve, 1-based (default: the step waiting now)', int('--step', 1))
    .option('--by <name>', 'who approves (default: $USER)')
    .option('--state-dir <dir>', 'the local rollout state directory (without --suite)', '.revgate')
    .addHelpText(
      'after',
      `
Examples:
  $ revgate rollout approve
  $ revgate rollout approve --app pharmabot --step 3 --by alice
  $ revgate rollout approve --suite suites/pharmabot-rollout.yaml`,
    );

export const rollbackCommand = () =>
  new Command('rollback')
    .description('emergency: put 100% of traffic back on blue (the previous revision from the journal, or --to), verified')
    .argument('<suite>', 'suite YAML file with a rollout: section')
    .option('--to <revision>', 'the revision to send 100% to')
    .option('--token <token>', 'azure-container-apps: an ARM bearer token instead of DefaultAzureCredential')
    .addHelpText(
      'after',
      `
Examples:
  $ revgate rollback suites/pharmabot-rollout.yaml
  $ revgate rollback suites/pharmabot-rollout.yaml --to pharmabot--v1
${exitCodesHelp(COMMAND_EXIT_CODES.rollback)}`,
    );

export const statusCommand = () =>
  new Command('status')
    .description('show revisions, health, traffic weights, the lock and the active rollout with its step')
    .argument('<suite>', 'suite YAML file with a rollout: section')
    .option('--token <token>', 'azure-container-apps: an ARM bearer token instead of DefaultAzureCredential')
    .addHelpText(
      'after',
      `
Examples:
  $ revgate status suites/pharmabot-rollout.yaml`,
    );

export type RolloutFlags = FlagsOf<typeof rolloutCommand>;
export type ApproveFlags = FlagsOf<typeof approveCommand>;
export type RollbackFlags = FlagsOf<typeof rollbackCommand>;
export type StatusFlags = FlagsOf<typeof statusCommand>;
