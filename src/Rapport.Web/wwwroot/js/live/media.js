// Camera, microphone and what the call sends. Modes switch by changing what the senders send, never by renegotiating.

/** Voice only also caps the voice (Opus, in-band FEC as negotiated) so that it fits, overhead included, under 50 kbit/s. */
export const modes = Object.freeze({
  'video': { active: true, maxBitrate: 500000, maxFramerate: 30, width: 640, audioBitrate: 32000 },
  'low-video': { active: true, maxBitrate: 150000, maxFramerate: 15, width: 320, audioBitrate: 32000 },
  'audio-only': { active: false, audioBitrate: 24000 },
});

export const words = Object.freeze({ 'video': 'video', 'low-video': 'low video', 'audio-only': 'voice only' });

const voice = { echoCancellation: true, noiseSuppression: true };
const picture = { width: 640, height: 480 };

/** Camera and microphone, or the microphone alone when no camera can be used (`voiceOnly`). */
export async function openMedia() {
  try {
    return { stream: await navigator.mediaDevices.getUserMedia({ audio: voice, video: picture }), voiceOnly: false };
  } catch {
    return { stream: await navigator.mediaDevices.getUserMedia({ audio: true }), voiceOnly: true };
  }
}

/** A track from one chosen device, to take the old one's place in the same sender (nothing renegotiated). */
export async function openDevice(kind, deviceId) {
  const fresh = await navigator.mediaDevices.getUserMedia(kind === 'audio'
    ? { audio: { deviceId: { exact: deviceId }, ...voice } }
    : { video: { deviceId: { exact: deviceId }, ...picture } });
  return fresh.getTracks()[0];
}

/** The devices of each kind with an id, and which one the stream uses now. */
export async function devices(stream) {
  const all = await navigator.mediaDevices.enumerateDevices().catch(() => []);
  const using = kind => {
    const track = stream && (kind === 'audioinput' ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0]);
    return track && track.getSettings().deviceId;
  };
  return ['audioinput', 'videoinput'].map(kind => ({ kind, using: using(kind), found: all.filter(d => d.kind === kind && d.deviceId) }));
}

/** Makes the senders send what `mode` allows; encodings are empty until negotiated, so this is applied again once connected. */
export async function tune(pc, stream, mode, cameraOff) {
  const video = stream && stream.getVideoTracks()[0];
  if (video) video.enabled = mode !== 'audio-only' && !cameraOff;
  const want = modes[mode];
  const sender = kind => pc && pc.getSenders().find(s => s.track && s.track.kind === kind);
  const change = async (s, edit) => {
    const params = s && s.getParameters();
    if (!params || !params.encodings || params.encodings.length === 0) return;
    edit(params.encodings[0]);
    await s.setParameters(params).catch(() => {});
  };
  await change(sender('audio'), e => { e.maxBitrate = want.audioBitrate; });
  if (!video) return;
  await change(sender('video'), e => {
    e.active = want.active;
    if (!want.active) return;
    e.maxBitrate = want.maxBitrate;
    e.maxFramerate = want.maxFramerate;
    e.scaleResolutionDownBy = Math.max(1, (video.getSettings().width || 640) / want.width);
  });
}

/** What is arriving: decoded frames and audio bytes so far, for the connection panel and the browser tests. */
export async function received(pc) {
  const out = { framesDecoded: 0, audioBytes: 0, connected: !!pc && pc.connectionState === 'connected', iceUfrag: null };
  if (!pc) return out;
  // Changes with each ICE restart (and each new connection).
  const ufrag = pc.remoteDescription && /a=ice-ufrag:(\S+)/.exec(pc.remoteDescription.sdp);
  out.iceUfrag = ufrag ? ufrag[1] : null;
  (await pc.getStats()).forEach(r => {
    if (r.type !== 'inbound-rtp') return;
    if (r.kind === 'video') out.framesDecoded += r.framesDecoded || 0;
    if (r.kind === 'audio') out.audioBytes += r.bytesReceived || 0;
  });
  return out;
}
