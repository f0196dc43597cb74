// Signalling for a live call: the SignalR hub connection (the `signalR` global from /lib/signalr) and the order in
// which its messages are handled.

/** Reconnects quickly at first, then every 30 s; the client logs nothing about the call. */
export function connect(url) {
  return new window.signalR.HubConnectionBuilder()
    .withUrl(url)
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000, 30000])
    .configureLogging(window.signalR.LogLevel.None)
    .build();
}

export const isConnected = hub => hub.state === window.signalR.HubConnectionState.Connected;
export const isDisconnected = hub => hub.state === window.signalR.HubConnectionState.Disconnected;

/** The hub's refusal in words a person can read, never a stack trace. */
export function reason(err) {
  const m = String((err && err.message) || '');
  const i = m.indexOf('HubException: ');
  return i >= 0 ? m.slice(i + 14) : 'Something went wrong. Please try again.';
}

/**
 * SignalR does not await async handlers: offer, answer and candidates run one after another through the returned
 * function, so a candidate never reaches the connection before its remote description.
 */
export function inOrder() {
  let chain = Promise.resolve();
  return step => { chain = chain.then(step).catch(e => console.warn('live session:', e && e.name)); return chain; };
}
