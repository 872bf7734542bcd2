// The client's fold against the server's: every event of the demo encuentros, folded from an
// empty state, must give the server's snapshot. The fixture comes from the server:
//   build/<dir>/encuentro-fold-fixture > fold.json
//   ENCUENTRO_FOLD_FIXTURE=$PWD/fold.json npm test
// (ctest's web_unit does both). Event messages carry no actor, so phase changes are compared
// without it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EventMessage, Snapshot, State } from './protocol';
import { emptyState, foldEvents } from './fold';

interface Fixture {
  encuentros: { id: string; events: EventMessage[]; snapshot: Snapshot }[];
}

const HOW =
  'ENCUENTRO_FOLD_FIXTURE is not set. Produce the fixture with ' +
  '`build/<dir>/encuentro-fold-fixture > fold.json` (e.g. build/dev) and run ' +
  '`ENCUENTRO_FOLD_FIXTURE=$PWD/fold.json npm test`.';

function withoutActors(state: State): State {
  return { ...state, phase_history: state.phase_history.map((p) => ({ ...p, actor: '' })) };
}

const path = process.env.ENCUENTRO_FOLD_FIXTURE;

describe('fold fixture from the server', () => {
  if (!path) {
    it('needs ENCUENTRO_FOLD_FIXTURE', () => {
      throw new Error(HOW);
    });
    return;
  }
  const fixture = JSON.parse(readFileSync(path, 'utf8')) as Fixture;

  it('holds at least one encuentro', () => {
    expect(fixture.encuentros.length).toBeGreaterThan(0);
  });

  for (const { id, events, snapshot } of fixture.encuentros) {
    it(`folds ${id} (${events.length} events) to the server's snapshot`, () => {
      expect(events[0]?.name).toBe('encuentro.created');
      const folded = foldEvents(emptyState(id), events);
      expect(folded.seq).toBe(snapshot.seq);
      expect(withoutActors(folded)).toEqual(withoutActors(snapshot.state));
    });
  }
});
