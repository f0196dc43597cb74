// Live messages on a conversation page (Messaging readme, rule 8). Without this script the page works as a form and
// shows new messages when reloaded. With it, the hub says only that the conversation changed; the thread is fetched
// again through the page's own audited read and swapped in place. The reader keeps their place: the page follows new
// messages only when they were already at the bottom, otherwise a button offers to jump there.
const thread = document.getElementById('thread');
const conversationId = thread?.dataset.conversation;

if (thread && conversationId && window.signalR) {
  const jump = document.createElement('button');
  jump.type = 'button';
  jump.className = 'secondary new-below';
  jump.hidden = true;
  jump.textContent = 'New messages below';
  jump.addEventListener('click', () => {
    jump.hidden = true;
    document.getElementById('latest')?.scrollIntoView();
  });
  thread.insertAdjacentElement('afterend', jump);

  const atBottom = () => window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 120;

  let refreshing = Promise.resolve();

  const markRead = async (form) => {
    if (!form || document.visibilityState !== 'visible') return;
    await fetch(form.action, { method: 'POST', body: new FormData(form), credentials: 'same-origin', redirect: 'manual' });
  };

  const refresh = async () => {
    const current = document.getElementById('thread');
    const follow = atBottom();
    const before = current.dataset.last;
    const response = await fetch(`${location.pathname}?handler=Thread`, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
    if (!response.ok) return;
    const template = document.createElement('template');
    template.innerHTML = await response.text();
    const fresh = template.content.getElementById('thread');
    if (!fresh) return;
    current.replaceWith(fresh);
    const oldForm = document.getElementById('mark-read');
    const newForm = template.content.getElementById('mark-read');
    if (oldForm) oldForm.remove();
    if (newForm) fresh.insertAdjacentElement('afterend', newForm);
    if (fresh.dataset.last !== before) {
      if (follow) {
        document.getElementById('latest')?.scrollIntoView();
        await markRead(newForm);
      } else {
        jump.hidden = false;
      }
    }
  };

  // SignalR does not await handlers: chain refreshes so two signals never swap the thread out of order.
  const queueRefresh = () => {
    refreshing = refreshing.then(refresh).catch(() => {});
  };

  const connection = new window.signalR.HubConnectionBuilder().withUrl('/hubs/messages').withAutomaticReconnect().build();
  connection.on('changed', queueRefresh);
  connection.onreconnected(async () => {
    // A reconnect may land on another instance and may have missed signals: watch again and read what changed.
    await connection.invoke('Watch', conversationId);
    queueRefresh();
  });
  connection.start().then(() => connection.invoke('Watch', conversationId)).then(() => {
    document.documentElement.dataset.messagesLive = 'on';
  }).catch(() => {});
}
