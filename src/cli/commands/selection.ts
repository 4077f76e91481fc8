// --filter / --tag / --limit of compare, record and diff: the flags as selection criteria, and the
// suite restricted to the selected cases, said on stderr before anything is sent.
import type { ResolvedSuite } from '../../config/resolved.js';
import { hasCriteria, selectCases, type SelectionCriteria } from '../../config/select.js';
import { selectionText } from '../../report/selection.js';
import type { CompareFlags } from '../flags.js';
import type { CliIO } from '../io.js';

/** The selection flags, named alike on every command that has them. */
export type SelectionFlags = Pick<CompareFlags, 'filter' | 'tag' | 'limit'>;

export function selectionCriteria(flags: SelectionFlags): SelectionCriteria {
  return { filter: flags.filter, tags: flags.tag, limit: flags.limit };
}

/** The suite restricted to the selected cases (said on stderr); the suite itself when no flag selects. */
export function selectFrom(suite: ResolvedSuite, criteria: SelectionCriteria, io: CliIO): ResolvedSuite {
  if (!hasCriteria(criteria)) return suite;
  const selected = selectCases(suite, criteria);
  io.stderr(`revgate: ${selectionText(selected.selection)}\n`);
  return selected;
}
