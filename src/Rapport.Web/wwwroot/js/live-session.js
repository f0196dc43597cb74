// Rapport live session: waiting room, a 1:1 WebRTC call signalled over /hubs/live, quality modes, mute, camera
// off, text chat and reconnection. No dependency but the SignalR client. Nothing about the call is logged.
// An ES module: signalling, media, the weak-link policy and the page's elements are modules of their own in ./live.
import { $, toggle, statusLine, chatLine, levelMeter, testTone } from './live/ui.js';
import { connect, isConnected, isDisconnected, reason, inOrder } from './live/signalling.js';
import { modes, words, openMedia, openDevice, devices, tune, received } from './live/media.js';
import { order, thresholds, fresh, readLook, judge } from './live/link-quality.js';

const root = document.getElementById('live');
if (root && window.signalR && root.dataset.room) start(root);

function start(root) {
  const roomId = root.dataset.room;
  const isTherapist = root.dataset.side === 'therapist';
  const other = root.dataset.with || 'The other person';
  const say = statusLine($('live-status'));
  const joinedKey = 'rapport-live-joined';

  // `chosen` is what the person picked; `mode` is what is sent now (lower after an automatic step-down).
  let mode = 'video', chosen = 'video', stream = null, pc = null, admitted = false, joined = false, muted = false, cameraOff = false;
  const serial = inOrder();
  const hub = connect(root.dataset.hub);

  hub.onreconnecting(() => say('Reconnecting…'));
  hub.onreconnected(async () => {
    if (!joined) return;
    // Signalling is not durable: re-read the room, then restart ICE on the side that offers.
    const state = await hub.invoke('JoinRoom', roomId);
    show(state, true);
    if (isTherapist && admitted && pc) serial(() => offer(false, true));
  });
  hub.onclose(() => say('The connection is lost. Refresh the page to come back into the call.'));
  hub.on('RoomChanged', show);
  hub.on('PeerJoined', () => { if (isTherapist && admitted) serial(() => offer(true, false)); });
  hub.on('PeerLeft', () => { if (admitted) say(other + ' lost the connection. Waiting for them to come back…'); });
  hub.on('Offer', (sdp, isFresh) => serial(() => answerOffer(sdp, isFresh)));
  hub.on('Answer', sdp => { if (answered) answered(sdp); }); // an answer to no offer in flight is stale: dropped
  hub.on('Candidate', c => serial(() => pc && pc.remoteDescription && pc.addIceCandidate(c)));
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
      if (admitted && !was) serial(() => offer(true, false));
    } else {
      if (!same) say({ waiting: 'You are in the waiting room.', admitted: 'In the call.', 'sent-back': 'Your therapist asked you to wait.' }[state.patient] || '');
      if ($('waiting')) $('waiting').hidden = state.patient !== 'waiting';
      if ($('sent-back')) $('sent-back').hidden = state.patient !== 'sent-back';
      if ($('check')) $('check').hidden = true;
    }
    if (was && !admitted) hangUp();
  }

  async function join() {
    if (isDisconnected(hub)) await hub.start();
    const state = await hub.invoke('JoinRoom', roomId);
    joined = true;
    if (!isTherapist) sessionStorage.setItem(joinedKey, roomId);
    show(state, true);
  }

  async function ensureMedia() {
    if (stream) return stream;
    const opened = await openMedia();
    stream = opened.stream;
    if (opened.voiceOnly) say('No camera could be used: voice only.');
    for (const id of ['local', 'preview']) if ($(id)) $(id).srcObject = stream;
    listDevices();
    return stream;
  }

  // Switching microphone or camera mid-call (LiveSessions readme): the new track takes the old one's place in the same
  // sender, so nothing is renegotiated and the other side notices nothing but the new picture or sound.
  async function listDevices() {
    let choices = 0;
    for (const { kind, using, found } of await devices(stream)) {
      const [id, word] = kind === 'audioinput' ? ['mic-choice', 'Microphone'] : ['camera-choice', 'Camera'];
      const select = $(id);
      if (!select) continue;
      select.replaceChildren(...found.map((d, i) => new Option(d.label || `${word} ${i + 1}`, d.deviceId, false, d.deviceId === using)));
      $(id + '-field').hidden = found.length < 2;
      if (found.length > 1) choices++;
    }
    if ($('devices')) $('devices').hidden = choices === 0;
  }

  async function switchDevice(kind, deviceId) {
    const track = await openDevice(kind, deviceId);
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
      if (pc.connectionState === 'failed' && isTherapist) serial(() => offer(false, true));
    };
  }

  // One offer at a time: the chain waits here for its answer (or 10 s). After a network drop the therapist may restart
  // ICE (its own reconnect) and start afresh (the patient's rejoin) moments apart; were both in flight, the first
  // answer could land on the second connection and leave both sides stuck.
  let answered = null;
  async function offer(isFresh, iceRestart) {
    if (isFresh || !pc) await newPeer();
    const mine = pc;
    await pc.setLocalDescription(await pc.createOffer(iceRestart ? { iceRestart: true } : undefined));
    const answer = new Promise(resolve => { answered = resolve; setTimeout(() => resolve(null), 10000); });
    try {
      await hub.invoke('Offer', roomId, pc.localDescription.sdp, !!isFresh || !pc.remoteDescription);
      const sdp = await answer;
      if (sdp && mine === pc && pc.signalingState === 'have-local-offer') await pc.setRemoteDescription({ type: 'answer', sdp });
    } finally {
      answered = null;
    }
  }

  async function answerOffer(sdp, isFresh) {
    if (isFresh || !pc) await newPeer();
    await pc.setRemoteDescription({ type: 'offer', sdp });
    await pc.setLocalDescription(await pc.createAnswer());
    await hub.invoke('Answer', roomId, pc.localDescription.sdp);
    applyMode();
  }

  function hangUp() {
    if (pc) { pc.onicecandidate = null; pc.close(); pc = null; }
    if ($('remote')) $('remote').srcObject = null;
  }

  const applyMode = () => tune(pc, stream, mode, cameraOff);

  async function setMode(next) {
    if (!modes[next]) return;
    mode = next;
    if ($('call-mode')) $('call-mode').value = next;
    await applyMode();
    if (joined) hub.invoke('ReportMode', roomId, next).catch(() => {});
  }

  // Weak links (the policy and its thresholds: ./live/link-quality.js and the LiveSessions readme). Every 2 s this side
  // looks at how its own sending goes and acts on the judgement.
  let monitor = fresh(), lastLook = null, previous = null, looking = false;
  async function look() {
    if (looking || !pc || pc.connectionState !== 'connected') { monitor = fresh(); previous = null; return; }
    looking = true;
    try {
      const now = readLook(await pc.getStats(), previous, Date.now());
      previous = lastLook = now;
      const verdict = judge(monitor, now, mode, chosen);
      monitor = verdict.state;
      if (verdict.act === 'step-down') {
        offerStepUp(null);
        await setMode(verdict.to);
        say(`Your connection is weak: switched to ${words[verdict.to]}.`);
      } else if (verdict.act === 'offer-up') {
        offerStepUp(verdict.to);
      } else if (verdict.act === 'withdraw') {
        offerStepUp(null);
      }
    } finally {
      looking = false;
    }
  }
  setInterval(() => { look().catch(() => {}); }, thresholds.every);

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
    if (!order.includes(up)) return; // nothing was offered: the button is not meant to be pressed
    offerStepUp(null);
    monitor = { ...monitor, poorRun: 0, goodRun: 0 };
    setMode(up).then(() => say(`Back to ${words[up]}.`));
  });

  // The therapist may keep a line in the session's note; nothing else of the chat outlives the call.
  const noteForm = $('note-line-form');
  function addChat(who, text) {
    const item = chatLine(who, text, noteForm ? keepLine : null);
    $('chat-log').append(item);
    item.scrollIntoView({ block: 'nearest' });
  }

  // Posted in the background (with the form's anti-forgery token) so the page, and the call, stay put.
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
    if (!isConnected(hub)) return;
    e.preventDefault();
    hub.invoke(form.dataset.hubCall, roomId).catch(err => say(reason(err)));
  }));

  // Pre-call check (patient): camera preview, microphone level, a test sound, a rough link measure.
  async function precheck() {
    try {
      await ensureMedia();
      levelMeter(stream, $('mic-level'), () => joined);
    } catch {
      say('The camera and microphone could not be opened. Allow them for this site, then reload the page.');
    }
  }
  $('test-speaker') && $('test-speaker').addEventListener('click', testTone);
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
  // The server draws the button disabled: a press before this script had taken it would have been lost.
  if ($('ready')) $('ready').disabled = false;
  $('wait-again') && $('wait-again').addEventListener('click', () => join().catch(err => say(reason(err))));

  // What is arriving and how the link is judged, for the connection panel and for the browser tests.
  window.rapportLive = {
    received: () => received(pc),
    // The weak-link monitor's state and its last look (bit/s, seconds, a fraction; bytes sent so far).
    link: () => ({ mode, chosen, poorRun: monitor.poorRun, goodRun: monitor.goodRun, look: lastLook }),
    // The devices this side sends from now: what the sender's tracks say, not what the page's menus say.
    sending: () => Object.fromEntries((pc ? pc.getSenders() : []).filter(s => s.track).map(s => [s.track.kind, s.track.getSettings().deviceId])),
  };

  if (root.dataset.state === 'gone') return;
  if (isTherapist || sessionStorage.getItem(joinedKey) === roomId) {
    join().catch(err => say(reason(err)));   // the therapist at once; a patient after a refresh, without a second check
  } else {
    precheck();
  }
}
