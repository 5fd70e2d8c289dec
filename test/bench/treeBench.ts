/**
 * The live rooms at 1,000 rooms, in Node: the real LiveState and API client against the emulator
 * over real sockets, and the tree's own rule for what a change redraws (treeUpdate, which
 * views/sessionsTree.ts applies). Figures: tree elements redrawn per poll, requests per cycle.
 */
import type { BoundCredentials } from '../../src/api/tokens';
import { Emitter } from '../../src/state/events';
import { elementsUpdated, treeUpdate } from '../../src/state/liveChange';
import { LiveState } from '../../src/state/liveState';
import { EmulatorControl } from '../emulator/control';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY, startEmulator } from '../emulator/server';
import { makeStack } from '../unit/api/fixture';
import type { Figure } from './figures';

const ROOMS = 1_000;
const POLLS = 5;
const EXPANDED = 5;

export async function treeFigures(): Promise<Figure[]> {
  const emulator = await startEmulator({ rooms: ROOMS, seed: 5 });
  const control = new EmulatorControl(emulator.url);
  const credentials: BoundCredentials = { apiUrl: emulator.url, accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY };
  const state = new LiveState(makeStack(emulator.url).client, { get: () => Promise.resolve(credentials), onDidChange: new Emitter<void>().event }, { intervalMs: () => 60_000 });
  try {
    // The rooms as the emulator has them, served verbatim from now on: the simulation does not move them.
    const rooms = (await control.data()).rooms.map((room) => ({ roomName: room.roomName, status: room.status, user: room.participants.length }));
    await control.setRooms(rooms);
    let redrawn: readonly string[] = [];
    let updated = 0;
    state.onDidChange((change) => {
      const update = treeUpdate(change);
      updated += elementsUpdated(update, change.snapshot.rooms?.length ?? 0);
      redrawn = update.all ? (change.snapshot.rooms ?? []).map((room) => room.roomName) : update.rooms;
    });
    await state.refresh();
    const expanded = (state.snapshot.rooms ?? []).slice(0, EXPANDED).map((room) => room.roomName);
    for (const name of expanded) await state.roomDetail(name);

    /** One poll as the tree lives it: VS Code asks the children of each redrawn room that is expanded. */
    const poll = async (): Promise<{ elements: number; requests: number }> => {
      await control.clearStats();
      updated = 0;
      redrawn = [];
      await state.refresh();
      for (const name of redrawn.filter((room) => expanded.includes(room))) await state.roomDetail(name);
      return { elements: updated, requests: (await control.stats()).requests.length };
    };

    const unchanged: { elements: number; requests: number }[] = [];
    for (let i = 0; i < POLLS; i++) unchanged.push(await poll());
    // One room changes its number of users in place: one expanded, then one not.
    const changeUsers = async (roomName: string) => {
      const index = rooms.findIndex((room) => room.roomName === roomName);
      rooms[index] = { ...rooms[index]!, user: rooms[index]!.user + 1 };
      await control.setRooms(rooms);
      return poll();
    };
    const expandedChange = await changeUsers(expanded[0]!);
    const collapsedChange = await changeUsers((state.snapshot.rooms ?? []).at(-1)!.roomName);
    const worst = (values: readonly number[]) => Math.max(...values);
    return [
      { name: `tree elements redrawn per poll that changes nothing (${ROOMS.toLocaleString()} rooms, worst of ${POLLS})`, value: worst(unchanged.map((p) => p.elements)), unit: 'el', budget: 0 },
      { name: 'tree elements redrawn when one room changes in place', value: worst([expandedChange.elements, collapsedChange.elements]), unit: 'el', budget: 1 },
      { name: 'requests per cycle, nothing changed', value: worst(unchanged.map((p) => p.requests)), unit: 'req', budget: 2 },
      { name: `requests per cycle, one of ${EXPANDED} expanded rooms changed`, value: expandedChange.requests, unit: 'req', budget: 3 },
      { name: 'requests per cycle, one collapsed room changed', value: collapsedChange.requests, unit: 'req', budget: 2 },
    ];
  } finally {
    state.dispose();
    await emulator.close();
  }
}
