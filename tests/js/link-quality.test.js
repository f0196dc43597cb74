// The live call's weak-link policy (Features/LiveSessions/readme.md, "Weak links"), without a browser: what the call
// does after a run of looks at its own sending. Run by test.sh with `node --test tests/js/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fresh, judge, readLook, thresholds } from '../../src/Rapport.Web/wwwroot/js/live/link-quality.js';

const good = { loss: 0, rtt: 0.05, bitrate: 2_000_000 };
const lossy = { loss: 0.2, rtt: 0.05, bitrate: 2_000_000 };

/** Feeds looks to the policy as the call would, one every 2 s; returns every verdict. */
function run(looks, mode = 'video', chosen = mode) {
  let state = fresh();
  const verdicts = [];
  for (const look of looks) {
    const verdict = judge(state, look, mode, chosen);
    state = verdict.state;
    if (verdict.act === 'step-down') mode = verdict.to;
    verdicts.push({ ...verdict, mode });
  }
  return verdicts;
}

const repeat = (look, n) => Array.from({ length: n }, () => look);

test('the first two looks of a connection are ignored however bad they are', () => {
  const verdicts = run(repeat(lossy, thresholds.warmUp));
  assert.deepEqual(verdicts.map(v => v.act), ['none', 'none']);
});

test('three poor looks in a row after the warm-up step video down to low video', () => {
  const verdicts = run([...repeat(good, 2), ...repeat(lossy, 3)]);
  assert.deepEqual(verdicts.map(v => v.act), ['none', 'none', 'withdraw', 'withdraw', 'step-down']);
  assert.equal(verdicts.at(-1).to, 'low-video');
});

test('each step down waits for three new poor looks, so video reaches voice only after six', () => {
  const verdicts = run([...repeat(good, 2), ...repeat(lossy, 6)]);
  assert.deepEqual(verdicts.filter(v => v.act === 'step-down').map(v => v.to), ['low-video', 'audio-only']);
  assert.equal(verdicts.at(-1).mode, 'audio-only');
});

test('voice only never steps further down', () => {
  const verdicts = run([...repeat(good, 2), ...repeat(lossy, 10)], 'audio-only');
  assert.ok(verdicts.every(v => v.act !== 'step-down'));
});

test('a good look between poor ones starts the count again', () => {
  const verdicts = run([...repeat(good, 2), lossy, lossy, good, lossy, lossy]);
  assert.ok(verdicts.every(v => v.act !== 'step-down'));
});

test('an estimate below what the mode needs is poor for video but not for voice only', () => {
  const thin = { loss: 0, rtt: 0.05, bitrate: 120_000 };
  assert.equal(run([...repeat(good, 2), ...repeat(thin, 3)], 'video').at(-1).act, 'step-down');
  assert.equal(run([...repeat(good, 2), ...repeat(thin, 3)], 'low-video').at(-1).act, 'none');
});

test('a round trip over a second is poor even without loss', () => {
  const slow = { loss: 0, rtt: 1.5, bitrate: null };
  assert.equal(run([...repeat(good, 2), ...repeat(slow, 3)]).at(-1).act, 'step-down');
});

test('ten good looks below the chosen mode offer one step up, and the call does not step up by itself', () => {
  const verdicts = run([...repeat(good, 2), ...repeat(good, thresholds.goodLooks)], 'audio-only', 'video');
  assert.deepEqual(verdicts.at(-1), { state: verdicts.at(-1).state, act: 'offer-up', to: 'low-video', mode: 'audio-only' });
  assert.equal(verdicts.at(-2).act, 'none');
});

test('no step up is offered above what the person chose', () => {
  const verdicts = run(repeat(good, 20), 'low-video', 'low-video');
  assert.ok(verdicts.every(v => v.act === 'none'));
});

test('a look that is neither poor nor good withdraws an offer to step up', () => {
  const middling = { loss: 0.05, rtt: 0.05, bitrate: 2_000_000 };
  const verdicts = run([...repeat(good, 12), middling], 'audio-only', 'video');
  assert.equal(verdicts.at(-2).act, 'offer-up');
  assert.equal(verdicts.at(-1).act, 'withdraw');
});

test('a look reads the selected pair, counts loss since the previous look and falls back to the voice round trip', () => {
  const first = readLook([
    { type: 'transport', selectedCandidatePairId: 'p1' },
    { type: 'candidate-pair', id: 'p0', availableOutgoingBitrate: 9, currentRoundTripTime: 9 },
    { type: 'candidate-pair', id: 'p1', availableOutgoingBitrate: 300_000 },
    { type: 'outbound-rtp', kind: 'audio', packetsSent: 100, bytesSent: 4000 },
    { type: 'outbound-rtp', kind: 'video', packetsSent: 100, bytesSent: 90000 },
    { type: 'remote-inbound-rtp', kind: 'audio', packetsLost: 2, roundTripTime: 0.12 },
  ], null, 1000);
  assert.equal(first.bitrate, 300_000);
  assert.equal(first.rtt, 0.12);
  assert.equal(first.loss, 0, 'the first look has nothing to compare with');
  assert.equal(first.audioBytesSent, 4000);
  assert.equal(first.videoBytesSent, 90000);

  // 200 packets sent and 2 reported lost so far; two seconds later 300 sent and 22 lost: 20 of the last 100.
  const second = readLook([
    { type: 'outbound-rtp', kind: 'audio', packetsSent: 300 },
    { type: 'remote-inbound-rtp', kind: 'audio', packetsLost: 22 },
  ], first, 3000);
  assert.equal(second.loss, 0.2);
  assert.equal(second.bitrate, null, 'no candidate pair reported: no estimate');
});

test('a lost count that goes down (a new connection) is no loss, and loss never exceeds all that was sent', () => {
  const before = { sent: 100, lost: 50 };
  assert.equal(readLook([{ type: 'outbound-rtp', packetsSent: 200 }, { type: 'remote-inbound-rtp', packetsLost: 10 }], before, 0).loss, 0);
  assert.equal(readLook([{ type: 'outbound-rtp', packetsSent: 110 }, { type: 'remote-inbound-rtp', packetsLost: 500 }], before, 0).loss, 1);
});
