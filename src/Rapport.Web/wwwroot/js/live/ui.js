// The call page's own elements: the status line, the chat log and the pre-call check's meter and test sound.

export const $ = id => document.getElementById(id);

/** Shows or hides forms by a class, so the forms keep working without the script. */
export const toggle = (selector, visible) =>
  document.querySelectorAll(selector).forEach(f => f.classList.toggle('is-hidden', !visible));

/** Writes to the status line (a live region), when the page has one. */
export function statusLine(element) {
  return text => { if (element) element.textContent = text; };
}

/** One chat line; with `keep`, a button beside it keeps the line in the session's note. */
export function chatLine(who, text, keep) {
  const item = document.createElement('li');
  const name = document.createElement('strong');
  name.textContent = who + ': ';
  item.append(name, document.createTextNode(text));
  if (keep) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link-button';
    button.textContent = 'Keep';
    button.setAttribute('aria-label', 'Keep this message in the note');
    button.addEventListener('click', () => keep(who + ': ' + text, button));
    item.append(' ', button);
  }
  return item;
}

let audio = null;
const audioContext = () => { audio = audio || new AudioContext(); audio.resume(); return audio; };

/** Draws the microphone's level on a meter until `done()` says the check is over. */
export function levelMeter(stream, meter, done) {
  const ctx = audioContext();
  const analyser = ctx.createAnalyser();
  ctx.createMediaStreamSource(stream).connect(analyser);
  const samples = new Uint8Array(analyser.fftSize);
  const draw = () => {
    analyser.getByteTimeDomainData(samples);
    let peak = 0;
    for (const v of samples) peak = Math.max(peak, Math.abs(v - 128) / 128);
    meter.value = peak;
    if (!done()) requestAnimationFrame(draw);
  };
  draw();
}

/** A short 440 Hz tone, to check the speaker. */
export function testTone() {
  const ctx = audioContext();
  const tone = ctx.createOscillator();
  tone.frequency.value = 440;
  tone.connect(ctx.destination);
  tone.start();
  tone.stop(ctx.currentTime + 0.6);
}
