// The weak-link policy of a live call (Features/LiveSessions/readme.md, "Weak links"), as pure functions of what the
// browser's getStats() reports: no DOM, no WebRTC, so tests/js runs them under Node without a browser or a throttled link.

/** Modes from the lightest to the richest; a step down or up moves one place. */
export const order = Object.freeze(['audio-only', 'low-video', 'video']);

/** How often to look (ms), how many looks in a row decide, and what makes a look poor or good (fractions, seconds). */
export const thresholds = Object.freeze({
  every: 2000, poorLooks: 3, goodLooks: 10, warmUp: 2, poorLoss: 0.1, poorRtt: 1, goodLoss: 0.02, goodRtt: 0.4,
});

/** Estimated bit/s below which a mode is poor: half the video's cap, and the low video's cap minus room for the voice. */
export const needs = Object.freeze({ 'video': 250000, 'low-video': 100000, 'audio-only': 0 });

/** A monitor that has not looked yet (also after the connection drops). */
export const fresh = () => ({ poorRun: 0, goodRun: 0, looked: 0 });

/**
 * One look at this side's sending, from a getStats() report (anything with forEach over stats objects) and the previous
 * look: the congestion controller's estimate (bit/s), the round trip (s) and the loss the other side reports since then.
 */
export function readLook(report, previous, at) {
  const look = { at, bitrate: null, rtt: null, sent: 0, lost: 0, audioBytesSent: 0, videoBytesSent: 0, loss: 0 };
  let pairId = null;
  let audioRtt;
  report.forEach(r => { if (r.type === 'transport' && r.selectedCandidatePairId) pairId = r.selectedCandidatePairId; });
  report.forEach(r => {
    if (r.type === 'candidate-pair' && (r.id === pairId || (!pairId && r.nominated && r.state === 'succeeded'))) {
      if (r.availableOutgoingBitrate !== undefined) look.bitrate = r.availableOutgoingBitrate;
      if (r.currentRoundTripTime !== undefined) look.rtt = r.currentRoundTripTime;
    }
    if (r.type === 'outbound-rtp') {
      look.sent += r.packetsSent || 0;
      if (r.kind === 'audio') look.audioBytesSent += r.bytesSent || 0; else look.videoBytesSent += r.bytesSent || 0;
    }
    if (r.type === 'remote-inbound-rtp') {
      look.lost += Math.max(0, r.packetsLost || 0);
      // The video's report goes stale while video is off; the voice's is current.
      if (r.kind === 'audio' && r.roundTripTime !== undefined) audioRtt = r.roundTripTime;
    }
  });
  if (look.rtt === null && audioRtt !== undefined) look.rtt = audioRtt;
  // Cumulative counts: the loss of this look is what changed since the previous one.
  look.loss = previous && look.sent > previous.sent
    ? Math.min(1, Math.max(0, look.lost - previous.lost) / (look.sent - previous.sent)) : 0;
  return look;
}

/**
 * Judges one look. Returns the monitor's next state and what the call should do:
 * 'step-down' (to the next lighter mode), 'offer-up' (show a button for the next richer mode, never above the person's
 * choice), 'withdraw' (hide that offer) or 'none'. The call never steps up by itself.
 */
export function judge(state, look, mode, chosen) {
  const looked = state.looked + 1;
  // The estimate starts low and climbs in the first seconds of a connection.
  if (looked <= thresholds.warmUp) return { state: { ...state, looked }, act: 'none' };
  const at = order.indexOf(mode);
  const poor = look.loss > thresholds.poorLoss || (look.rtt !== null && look.rtt > thresholds.poorRtt)
    || (look.bitrate !== null && look.bitrate < needs[mode]);
  const good = !poor && look.loss < thresholds.goodLoss && (look.rtt === null || look.rtt < thresholds.goodRtt);
  const poorRun = poor ? state.poorRun + 1 : 0;
  const goodRun = good ? state.goodRun + 1 : 0;
  if (poorRun >= thresholds.poorLooks && at > 0) {
    return { state: { poorRun: 0, goodRun: 0, looked }, act: 'step-down', to: order[at - 1] };
  }
  const up = order[at + 1];
  if (goodRun >= thresholds.goodLooks && up && at < order.indexOf(chosen)) {
    return { state: { poorRun, goodRun, looked }, act: 'offer-up', to: up };
  }
  return { state: { poorRun, goodRun, looked }, act: good ? 'none' : 'withdraw' };
}
