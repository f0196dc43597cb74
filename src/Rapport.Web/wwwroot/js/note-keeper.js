// Progressive enhancement of the session note (Accounts readme, rule 7a). Without it the note still works, and text
// posted after the idle sign-out is kept by the server. With it: the draft saves itself every 30 s when it changed,
// and 2 minutes before the idle sign-out a notice offers to stay signed in.
(function () {
    var form = document.getElementById("note-form");
    if (!form || !window.fetch || !window.FormData) return;
    var saveButton = form.querySelector('button[formaction*="handler=Save"], button[name="handler"][value="Save"]');
    var saveUrl = saveButton ? saveButton.getAttribute("formaction") : null;
    var every = (parseInt(form.getAttribute("data-autosave-seconds"), 10) || 30) * 1000;
    var left = parseInt(form.getAttribute("data-idle-seconds-left"), 10);
    var keepAlive = form.getAttribute("data-keep-alive");

    var status = document.createElement("p");
    status.className = "hint autosave-status";
    status.setAttribute("role", "status");
    form.appendChild(status);

    var changed = false, saving = false, waitingSubmit = null;
    form.addEventListener("input", function () { changed = true; });
    form.addEventListener("change", function () { changed = true; });
    form.addEventListener("submit", function (event) {
        if (saving) {
            // A save of one's own is sent once the automatic one is stored, on the version it stored (else: "changed meanwhile").
            event.preventDefault();
            waitingSubmit = event.submitter || saveButton;
            return;
        }
        changed = false;
    });

    function autosave() {
        if (!changed || saving || !saveUrl) return;
        saving = true;
        changed = false;
        fetch(saveUrl, { method: "POST", body: new FormData(form), credentials: "same-origin" })
            .then(function (response) {
                if (response.redirected && response.url.indexOf("/account/sign-in") !== -1) {
                    // Signed out meanwhile: the server kept the text for after signing in again.
                    status.textContent = "You were signed out. Your text is kept: sign in again to save it.";
                    return null;
                }
                return response.text().then(function (html) {
                    var page = new DOMParser().parseFromString(html, "text/html");
                    var version = page.querySelector('#note-form input[name="Form.Version"]');
                    if (response.ok && version) {
                        // The next save builds on the version just stored, not the one the page opened on.
                        form.querySelector('input[name="Form.Version"]').value = version.value;
                        status.textContent = "Draft saved automatically at " + new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + ".";
                        // The saved page says how long the session now lasts (never more than it does).
                        var fresh = parseInt(page.getElementById("note-form").getAttribute("data-idle-seconds-left"), 10);
                        if (!isNaN(fresh)) restartIdle(fresh);
                    } else {
                        changed = true;
                        var error = page.querySelector(".errors");
                        status.textContent = "Not saved automatically" + (error ? ": " + error.textContent.trim() : ". Save the draft yourself.");
                    }
                });
            })
            .catch(function () { changed = true; status.textContent = "Not saved automatically: no connection. Your text is still here."; })
            .then(function () {
                saving = false;
                if (waitingSubmit) { var button = waitingSubmit; waitingSubmit = null; form.requestSubmit(button); }
            });
    }
    setInterval(autosave, every);

    // The warning 2 minutes before the idle sign-out, with a button that renews the session.
    var warning = null, timer = null;
    function restartIdle(seconds) {
        if (timer) clearTimeout(timer);
        if (warning) { warning.remove(); warning = null; }
        timer = setTimeout(warn, Math.max(0, seconds - 120) * 1000);
    }
    function warn() {
        warning = document.createElement("div");
        warning.className = "warning idle-warning";
        warning.setAttribute("role", "alert");
        var text = document.createElement("p");
        text.textContent = "You will be signed out in 2 minutes because nothing was saved or opened for a while.";
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = "Stay signed in";
        button.addEventListener("click", function () {
            fetch(keepAlive, { method: "POST", credentials: "same-origin" })
                .then(function (response) { return response.ok ? response.json() : null; })
                .then(function (answer) {
                    if (answer) restartIdle(answer.secondsLeft);
                    else text.textContent = "You are signed out. Your text is kept when you save: sign in again to save it.";
                });
        });
        warning.appendChild(text);
        warning.appendChild(button);
        form.parentNode.insertBefore(warning, form);
    }
    if (!isNaN(left)) restartIdle(left);
})();
