import * as assert from 'node:assert/strict';
import { type Disposable, Emitter } from '../../../src/state/events';

describe('state/events Emitter', () => {
  it('tells every listener, in order, with `this` as asked, until it unsubscribes', () => {
    const emitter = new Emitter<number>();
    const heard: string[] = [];
    const owner = { name: 'owner' };
    const first = emitter.event(function (this: typeof owner, value) { heard.push(`${this.name} ${value}`); }, owner);
    emitter.event((value) => heard.push(`second ${value}`));
    emitter.fire(1);
    first.dispose();
    emitter.fire(2);
    assert.deepEqual(heard, ['owner 1', 'second 1', 'second 2']);
  });

  it('adds the subscription to the disposables it is given', () => {
    const emitter = new Emitter<void>();
    const disposables: Disposable[] = [];
    let heard = 0;
    emitter.event(() => heard++, undefined, disposables);
    assert.equal(disposables.length, 1);
    disposables[0]!.dispose();
    emitter.fire();
    assert.equal(heard, 0);
  });

  it('keeps telling the others when one listener throws, and reports it', () => {
    const emitter = new Emitter<void>();
    const reported: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => reported.push(args);
    try {
      let heard = 0;
      emitter.event(() => { throw new Error('boom'); });
      emitter.event(() => heard++);
      emitter.fire();
      assert.equal(heard, 1);
      assert.equal(reported.length, 1);
    } finally {
      console.error = original;
    }
  });

  it('tells no one after dispose, and takes no new listener', () => {
    const emitter = new Emitter<void>();
    let heard = 0;
    emitter.event(() => heard++);
    emitter.dispose();
    emitter.event(() => heard++);
    emitter.fire();
    assert.equal(heard, 0);
  });
});
