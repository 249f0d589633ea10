import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { onAbort } from '../src/signal/on-abort.js';

describe('onAbort', () => {
  it('holds one listener on the signal for any number of subscribers, removed with the last', () => {
    const controller = new AbortController();
    const stops = Array.from({ length: 20 }, () => onAbort(controller.signal, () => {}));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    for (const stop of stops.slice(1)) stop();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    stops[0]!();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('tells every subscriber still listening, once; a stopped one is not told', () => {
    const controller = new AbortController();
    const told: string[] = [];
    onAbort(controller.signal, () => told.push('a'));
    const stopB = onAbort(controller.signal, () => told.push('b'));
    const listener = () => told.push('c');
    onAbort(controller.signal, listener);
    onAbort(controller.signal, listener); // two subscriptions, two calls
    stopB();
    stopB(); // stopping twice changes nothing
    controller.abort();
    controller.abort();
    expect(told).toEqual(['a', 'c', 'c']);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('a subscriber that stops another during the abort keeps it from being told', () => {
    const controller = new AbortController();
    const told: string[] = [];
    let stopSecond = () => {};
    onAbort(controller.signal, () => {
      told.push('first');
      stopSecond();
    });
    stopSecond = onAbort(controller.signal, () => told.push('second'));
    controller.abort();
    expect(told).toEqual(['first']);
  });
});
