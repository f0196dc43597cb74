// Rapport live session: waiting room, a 1:1 WebRTC call signalled over /hubs/live, quality modes, mute, camera
// off, text chat and reconnection. No dependency but the SignalR client. Nothing about the call is logged.
(() => {
  'use strict';
  const root = document.getElementById('live');
  if (!root || !window.signalR || !root.dataset.room) return;

  const $ = id => document.getElementById(id);
  const roomId = root.dataset.room;
  const isTherapist = root.dataset.side === 'therapist';
  const other = root.dataset.with || 'The other person';
  const status = $('live-status');
  const say = text => { if (status) status.textContent = text; };
  const joinedKey = 'rapport-live-joined';

  // Modes switch by changing what the senders send, never by renegotiating. Voice only also caps the voice
  // (Opus, with in-band FEC as the browser negotiates it) so that it fits, packet overhead included, under 50 kbit/s.
  const modes = {
    'video': { active: true, maxBitrate: 500000, maxFramerate: 30, width: 640, audioBitrate: 32000 },
    'low-video': { active: true, maxBitrate: 150000, maxFramerate: 15, width: 320, audioBitrate: 32000 },
    'audio-only': { active: false, audioBitrate: 24000 },
  };

  const order = ['audio-only', 'low-video', 'video'];
  const words = { 'video': 'video', 'low-video': 'low video', 'audio-only': 'voice only' };

  // `chosen` is what the person picked; `mode` is what is sent now (lower after an automatic step-down).
  let mode = 'video', chosen = 'video', stream = null, pc = null, admitted = false, joined = false, muted = false, cameraOff = false;
  // SignalR does not await async handlers: offer, answer and candidates run one after another through this chain,
  // so a candidate never reaches the connection before its remote description.
  let chain = Promise.resolve();
  const inOrder = step => { chain = chain.then(step).catch(e => console.warn('live session:', e && e.name)); return chain; };

  const hub = new signalR.HubConnectionBuilder()
    .withUrl(root.dataset.hub)
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000, 30000])
    .configureLogging(signalR.LogLevel.None)
    .build();

  const reason = err => { const m = String((err && err.message) || ''); const i = m.indexOf('HubException: '); return i >= 0 ? m.slice(i + 14) : 'Something went wrong. Please try again.'; };

  hub.onreconnecting(() => say('Reconnecting…'));
  hub.onreconnected(async () => {
    if (!joined) return;
    // Signalling is not durable: re-read the room, then restart ICE on the side that offers.
    const state = await hub.invoke('JoinRoom', roomId);
    show(state, true);
    if (isTherapist && admitted && pc) inOrder(() => offer(false, true));
  });
  hub.onclose(() => say('The connection is lost. Refresh the page to come back into the call.'));
  hub.on('RoomChanged', show);
  hub.on('PeerJoined', () => { if (isTherapist && admitted) inOrder(() => offer(true, false)); });
  hub.on('PeerLeft', () => { if (admitted) say(other + ' lost the connection. Waiting for them to come back…'); });
  hub.on('Offer', (sdp, fresh) => inOrder(() => answerOffer(sdp, fresh)));
  hub.on('Answer', sdp => { if (answered) answered(sdp); }); // an answer to no offer in flight is stale: dropped
  hub.on('Candidate', c => inOrder(() => pc && pc.remoteDescription && pc.addIceCandidate(c)));
  hub.on('Chat', (text, from) => addChat(from === root.dataset.side ? 'You' : other, text));

  // `redraw`: after joining or rejoining the hub. Otherwise a room change that leaves the patient where they were (a
  // mode report) keeps the status line, which may be saying why the mode changed.
  function show(state, redraw) {
    const was = admitted;
    const same = !redraw && root.dataset.state === state.patient;
    admitted = state.patient === 'admitted';
    root.dataset.state = state.patient;
    if (state.ended) {
      sessionStorage.removeItem(joinedKey);
      hangUp();
      window.location.reload(); // the server draws the ended page
      return;
    }
    const call = $('call');
    if (call) call.hidden = !admitted;
    if (isTherapist) {
      if (!same) say({ waiting: other + ' is waiting to be let in.', admitted: 'In the call.', 'sent-back': other + ' was sent back.' }[state.patient]
        || other + ' has not arrived yet.');
      toggle('form[data-hub-call="Admit"]', state.patient === 'waiting');
      toggle('form[data-hub-call="SendBack"]', state.patient === 'waiting' || admitted);
      if (admitted && !was) inOrder(() => offer(true, false));
    } else {
      if (!same) say({ waiting: 'You are in the waiting room.', admitted: 'In the call.', 'sent-back': 'Your therapist asked you to wait.' }[state.patient] || '');
      if ($('waiting')) $('waiting').hidden = state.patient !== 'waiting';
      if ($('sent-back')) $('sent-back').hidden = state.patient !== 'sent-back';
      if ($('check')) $('check').hidden = true;
    }
    if (was && !admitted) hangUp();
  }

  const toggle = (selector, visible) => document.querySelectorAll(selector).forEach(f => f.classList.toggle('is-hidden', !visible));

  async function join() {
    if (hub.state === signalR.HubConnectionState.Disconnected) await hub.start();
    const state = await hub.invoke('JoinRoom', roomId);
    joined = true;
    if (!isTherapist) sessionStorage.setItem(joinedKey, roomId);
    show(state, true);
  }

  async function ensureMedia() {
    if (stream) return stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true }, video: { width: 640, height: 480 } });
    } catch {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      say('No camera could be used: voice only.');
    }
    for (const id of ['local', 'preview']) if ($(id)) $(id).srcObject = stream;
    listDevices();
    return stream;
  }

  // Switching microphone or camera mid-call (issue 6 §4): the new track takes the old one's place in the same sender,
  // so nothing is renegotiated and the other side notices nothing but the new picture or sound.
  async function listDevices() {
    const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    let choices = 0;
    for (const [kind, id, word] of [['audioinput', 'mic-choice', 'Microphone'], ['videoinput', 'camera-choice', 'Camera']]) {
      const select = $(id);
      if (!select) continue;
      const track = stream && (kind === 'audioinput' ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0]);
      const using = track && track.getSettings().deviceId;
      const found = devices.filter(d => d.kind === kind && d.deviceId);
      select.replaceChildren(...found.map((d, i) => new Option(d.label || `${word} ${i + 1}`, d.deviceId, false, d.deviceId === using)));
      $(id + '-field').hidden = found.length < 2;
      if (found.length > 1) choices++;
    }
    if ($('devices')) $('devices').hidden = choices === 0;
  }

  async function switchDevice(kind, deviceId) {
    const fresh = await navigator.mediaDevices.getUserMedia(kind === 'audio'
      ? { audio: { deviceId: { exact: deviceId }, echoCancellation: true, noiseSuppression: true } }
      : { video: { deviceId: { exact: deviceId }, width: 640, height: 480 } });
    const track = fresh.getTracks()[0];
    const old = stream.getTracks().find(t => t.kind === track.kind);
    if (kind === 'audio') track.enabled = !muted;
    const sender = pc && pc.getSenders().find(s => s.track && s.track.kind === track.kind);
    if (sender) await sender.replaceTrack(track);
    if (old) { stream.removeTrack(old); old.stop(); }
    stream.addTrack(track);
    await applyMode();
    say(kind === 'audio' ? 'Microphone changed.' : 'Camera changed.');
  }
  $('mic-choice') && $('mic-choice').addEventListener('change', e => switchDevice('audio', e.target.value).catch(() => say('That microphone could not be used.')));
  $('camera-choice') && $('camera-choice').addEventListener('change', e => switchDevice('video', e.target.value).catch(() => say('That camera could not be used.')));
  if (navigator.mediaDevices) navigator.mediaDevices.addEventListener('devicechange', () => { if (stream) listDevices(); });

  async function newPeer() {
    hangUp();
    const servers = await hub.invoke('IceServers', roomId);
    pc = new RTCPeerConnection({ iceServers: servers.map(s => s.username ? s : { urls: s.urls }) });
    await ensureMedia();
    // The video track is sent even in voice-only mode (inactive), so switching back needs no renegotiation.
    for (const track of stream.getTracks()) pc.addTrack(track, stream);
    const mine = pc;
    pc.onicecandidate = e => {
      if (e.candidate && mine === pc) {
        hub.invoke('Candidate', roomId, { candidate: e.candidate.candidate, sdpMid: e.candidate.sdpMid, sdpMLineIndex: e.candidate.sdpMLineIndex }).catch(() => {});
      }
    };
    pc.ontrack = e => { $('remote').srcObject = e.streams[0]; };
    pc.onconnectionstatechange = () => {
      if (mine !== pc) return;
      if (pc.connectionState === 'connected') { say('In the call.'); applyMode(); }
      if (pc.connectionState === 'disconnected') say('Reconnecting…');
      if (pc.connectionState === 'failed' && isTherapist) inOrder(() => offer(false, true));
    };
  }

  // One offer at a time: the chain waits here for its answer (or 10 s). After a network drop the therapist may restart
  // ICE (its own reconnect) and start afresh (the patient's rejoin) moments apart; were both in flight, the first
  // answer could land on the second connection and leave both sides stuck.
  let answered = null;
  async function offer(fresh, iceRestart) {
    if (fresh || !pc) await newPeer();
    const mine = pc;
    await pc.setLocalDescription(await pc.createOffer(iceRestart ? { iceRestart: true } : undefined));
    const answer = new Promise(resolve => { answered = resolve; setTimeout(() => resolve(null), 10000); });
    try {
      await hub.invoke('Offer', roomId, pc.localDescription.sdp, !!fresh || !pc.remoteDescription);
      const sdp = await answer;
      if (sdp && mine === pc && pc.signalingState === 'have-local-offer') await pc.setRemoteDescription({ type: 'answer', sdp });
    } finally {
      answered = null;
    }
  }

  async function answerOffer(sdp, fresh) {
    if (fresh || !pc) await newPeer();
    await pc.setRemoteDescription({ type: 'offer', sdp });
    await pc.setLocalDescription(await pc.createAnswer());
    await hub.invoke('Answer', roomId, pc.localDescription.sdp);
    applyMode();
  }

  function hangUp() {
    if (pc) { pc.onicecandidate = null; pc.close(); pc = null; }
    if ($('remote')) $('remote').srcObject = null;
  }

  async function applyMode() {
    const video = stream && stream.getVideoTracks()[0];
    if (video) video.enabled = mode !== 'audio-only' && !cameraOff;
    const want = modes[mode];
    const sender = kind => pc && pc.getSenders().find(s => s.track && s.track.kind === kind);
    // Encodings are empty until negotiated: then this is applied again once connected.
    const tune = async (s, change) => {
      const params = s && s.getParameters();
      if (!params || !params.encodings || params.encodings.length === 0) return;
      change(params.encodings[0]);
      await s.setParameters(params).catch(() => {});
    };
    await tune(sender('audio'), e => { e.maxBitrate = want.audioBitrate; });
    if (!video) return;
    await tune(sender('video'), e => {
      e.active = want.active;
      if (!want.active) return;
      e.maxBitrate = want.maxBitrate;
      e.maxFramerate = want.maxFramerate;
      e.scaleResolutionDownBy = Math.max(1, (video.getSettings().width || 640) / want.width);
    });
  }

  async function setMode(next) {
    if (!modes[next]) return;
    mode = next;
    if ($('call-mode')) $('call-mode').value = next;
    await applyMode();
    if (joined) hub.invoke('ReportMode', roomId, next).catch(() => {});
  }

  // Weak links (issue 6 §5; the thresholds and why are in the feature's readme). Every 2 s this side looks at how
  // its own sending goes: the congestion controller's estimate of what the link carries, the loss the other side
  // reports, and the round trip. Three poor looks in a row (~6 s) step down one mode; ten good looks in a row
  // (~20 s) offer to step back up. It never steps up by itself: a link that just recovered often drops again.
  const weak = { every: 2000, poorLooks: 3, goodLooks: 10, warmUp: 2, poorLoss: 0.1, poorRtt: 1, goodLoss: 0.02, goodRtt: 0.4 };
  const needs = { 'video': 250000, 'low-video': 100000, 'audio-only': 0 }; // estimated bit/s below which a mode is poor
  let poorRun = 0, goodRun = 0, looked = 0, lastLook = null, previous = null, looking = false;

  async function look() {
    if (looking || !pc || pc.connectionState !== 'connected') { poorRun = goodRun = looked = 0; previous = null; return; }
    looking = true;
    try {
      const now = { at: Date.now(), bitrate: null, rtt: null, sent: 0, lost: 0, audioBytesSent: 0, videoBytesSent: 0 };
      const stats = await pc.getStats();
      let pairId = null;
      stats.forEach(r => { if (r.type === 'transport' && r.selectedCandidatePairId) pairId = r.selectedCandidatePairId; });
      stats.forEach(r => {
        if (r.type === 'candidate-pair' && (r.id === pairId || (!pairId && r.nominated && r.state === 'succeeded'))) {
          if (r.availableOutgoingBitrate !== undefined) now.bitrate = r.availableOutgoingBitrate;
          if (r.currentRoundTripTime !== undefined) now.rtt = r.currentRoundTripTime;
        }
        if (r.type === 'outbound-rtp') {
          now.sent += r.packetsSent || 0;
          if (r.kind === 'audio') now.audioBytesSent += r.bytesSent || 0; else now.videoBytesSent += r.bytesSent || 0;
        }
        if (r.type === 'remote-inbound-rtp') {
          now.lost += Math.max(0, r.packetsLost || 0);
          // The video's report goes stale while video is off; the voice's is current.
          if (r.kind === 'audio' && r.roundTripTime !== undefined) now.audioRtt = r.roundTripTime;
        }
      });
      if (now.rtt === null && now.audioRtt !== undefined) now.rtt = now.audioRtt;
      // Loss over the last look, from the other side's receiver reports (cumulative counts, so compare with the last look).
      now.loss = previous && now.sent > previous.sent ? Math.min(1, Math.max(0, now.lost - previous.lost) / (now.sent - previous.sent)) : 0;
      previous = now;
      lastLook = now;
      if (++looked <= weak.warmUp) return; // the estimate starts low and climbs in the first seconds of a connection
      const poor = now.loss > weak.poorLoss || (now.rtt !== null && now.rtt > weak.poorRtt)
        || (now.bitrate !== null && now.bitrate < needs[mode]);
      const up = order[order.indexOf(mode) + 1];
      const good = !poor && now.loss < weak.goodLoss && (now.rtt === null || now.rtt < weak.goodRtt);
      poorRun = poor ? poorRun + 1 : 0;
      goodRun = good ? goodRun + 1 : 0;
      if (poorRun >= weak.poorLooks && mode !== 'audio-only') {
        const down = order[order.indexOf(mode) - 1];
        poorRun = goodRun = 0;
        offerStepUp(null);
        await setMode(down);
        say(`Your connection is weak: switched to ${words[down]}.`);
      } else if (goodRun >= weak.goodLooks && up && order.indexOf(mode) < order.indexOf(chosen)) {
        offerStepUp(up);
      } else if (!good) {
        offerStepUp(null);
      }
    } finally {
      looking = false;
    }
  }
  setInterval(() => { look().catch(() => {}); }, weak.every);

  function offerStepUp(up) {
    const button = $('step-up');
    if (!button) return;
    if (!up) { button.hidden = true; return; }
    if (!button.hidden && button.dataset.mode === up) return; // offered already
    button.dataset.mode = up;
    button.textContent = `Try ${words[up]} again`;
    button.hidden = false;
    say(`Your connection is better: you can try ${words[up]} again.`);
  }
  $('step-up') && $('step-up').addEventListener('click', e => {
    const up = e.currentTarget.dataset.mode;
    if (!words[up]) return; // nothing was offered: the button is not meant to be pressed
    offerStepUp(null);
    poorRun = goodRun = 0;
    setMode(up).then(() => say(`Back to ${words[up]}.`));
  });

  function addChat(who, text) {
    const item = document.createElement('li');
    const name = document.createElement('strong');
    name.textContent = who + ': ';
    item.append(name, document.createTextNode(text));
    // The therapist may keep a line in the session's note; nothing else of the chat outlives the call.
    if (noteForm) {
      const keep = document.createElement('button');
      keep.type = 'button';
      keep.className = 'link-button';
      keep.textContent = 'Keep';
      keep.setAttribute('aria-label', 'Keep this message in the note');
      keep.addEventListener('click', () => keepLine(who + ': ' + text, keep));
      item.append(' ', keep);
    }
    $('chat-log').append(item);
    item.scrollIntoView({ block: 'nearest' });
  }

  // Posted in the background (with the form's anti-forgery token) so the page, and the call, stay put.
  const noteForm = $('note-line-form');
  async function keepLine(line, button) {
    const data = new FormData(noteForm);
    data.set('line', line);
    const note = $('note-line-status');
    try {
      const res = await fetch(noteForm.action, { method: 'POST', body: data, headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      const body = await res.json();
      if (note) note.textContent = body.message;
      if (res.ok && button) button.disabled = true;
    } catch {
      if (note) note.textContent = 'Not kept: the connection failed. Try again.';
    }
  }
  noteForm && noteForm.addEventListener('submit', e => {
    e.preventDefault();
    const input = $('note-line');
    if (input.value.trim()) keepLine(input.value.trim(), null).then(() => { input.value = ''; });
  });

  // Controls
  $('mute') && $('mute').addEventListener('click', e => {
    muted = !muted;
    if (stream) stream.getAudioTracks().forEach(t => { t.enabled = !muted; });
    e.currentTarget.setAttribute('aria-pressed', String(muted));
    e.currentTarget.textContent = muted ? 'Unmute' : 'Mute';
  });
  $('camera') && $('camera').addEventListener('click', e => {
    cameraOff = !cameraOff;
    applyMode();
    e.currentTarget.setAttribute('aria-pressed', String(cameraOff));
    e.currentTarget.textContent = cameraOff ? 'Camera on' : 'Camera off';
  });
  $('call-mode') && $('call-mode').addEventListener('change', e => { chosen = e.target.value; offerStepUp(null); setMode(chosen); });
  $('chat-form') && $('chat-form').addEventListener('submit', e => {
    e.preventDefault();
    const input = $('chat-text');
    const text = input.value.trim();
    if (!text) return;
    hub.invoke('Chat', roomId, text).then(() => { addChat('You', text); input.value = ''; }, err => say(reason(err)));
  });
  // The therapist's forms work without the script; with it, they go over the hub and the page stays in the call.
  document.querySelectorAll('form[data-hub-call]').forEach(form => form.addEventListener('submit', e => {
    if (hub.state !== signalR.HubConnectionState.Connected) return;
    e.preventDefault();
    hub.invoke(form.dataset.hubCall, roomId).catch(err => say(reason(err)));
  }));

  // Pre-call check (patient): camera preview, microphone level, a test sound, a rough link measure.
  let audio = null;
  const audioContext = () => { audio = audio || new AudioContext(); audio.resume(); return audio; };
  async function precheck() {
    try {
      await ensureMedia();
      const ctx = audioContext();
      const analyser = ctx.createAnalyser();
      ctx.createMediaStreamSource(stream).connect(analyser);
      const samples = new Uint8Array(analyser.fftSize);
      const meter = $('mic-level');
      const draw = () => {
        analyser.getByteTimeDomainData(samples);
        let peak = 0;
        for (const v of samples) peak = Math.max(peak, Math.abs(v - 128) / 128);
        meter.value = peak;
        if (!joined) requestAnimationFrame(draw);
      };
      draw();
    } catch {
      say('The camera and microphone could not be opened. Allow them for this site, then reload the page.');
    }
  }
  $('test-speaker') && $('test-speaker').addEventListener('click', () => {
    const ctx = audioContext();
    const tone = ctx.createOscillator();
    tone.frequency.value = 440;
    tone.connect(ctx.destination);
    tone.start();
    tone.stop(ctx.currentTime + 0.6);
  });
  $('test-link') && $('test-link').addEventListener('click', async () => {
    const result = $('link-result');
    result.textContent = 'Measuring…';
    try {
      const started = performance.now();
      let bytes = 0;
      for (let i = 0; i < 3; i++) bytes += (await (await fetch('/lib/signalr/signalr.min.js', { cache: 'no-store' })).arrayBuffer()).byteLength;
      const kbps = Math.round(bytes * 8 / (performance.now() - started));
      const pick = kbps >= 1000 ? 'video' : kbps >= 300 ? 'low-video' : 'audio-only';
      result.textContent = `About ${kbps} kbit/s: we suggest ${words[pick]}. You can choose another below.`;
      const radio = document.querySelector(`input[name="mode"][value="${pick}"]`);
      if (radio) radio.checked = true;
    } catch {
      result.textContent = 'The connection could not be measured.';
    }
  });
  $('ready') && $('ready').addEventListener('click', async () => {
    const picked = document.querySelector('input[name="mode"]:checked');
    mode = chosen = picked ? picked.value : 'video';
    if ($('call-mode')) $('call-mode').value = mode;
    try { await join(); hub.invoke('ReportMode', roomId, mode).catch(() => {}); } catch (err) { say(reason(err)); }
  });
  $('wait-again') && $('wait-again').addEventListener('click', () => join().catch(err => say(reason(err))));

  // What is arriving, for the connection panel and for the browser tests: decoded frames and audio bytes so far.
  window.rapportLive = {
    received: async () => {
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
    },
    // The weak-link monitor's state and its last look (bit/s, seconds, a fraction; bytes sent so far).
    link: () => ({ mode, chosen, poorRun, goodRun, look: lastLook }),
    // The devices this side sends from now: what the sender's tracks say, not what the page's menus say.
    sending: () => Object.fromEntries((pc ? pc.getSenders() : []).filter(s => s.track).map(s => [s.track.kind, s.track.getSettings().deviceId])),
  };

  if (root.dataset.state === 'gone') return;
  if (isTherapist || sessionStorage.getItem(joinedKey) === roomId) {
    join().catch(err => say(reason(err)));   // the therapist at once; a patient after a refresh, without a second check
  } else {
    precheck();
  }
})();
