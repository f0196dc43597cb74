// Progressive enhancement: keeps the counter under each limited textarea live while typing. The server renders the
// same counter and refuses over-long text whole (docs/architecture.md, request flow step 6); nothing here cuts text.
(function () {
    var number = new Intl.NumberFormat("en-GB");
    function length(text) {
        // Counted as the server counts it: trimmed, with the CR LF line breaks a form submits.
        return text.trim().replace(/\r?\n/g, "\r\n").length;
    }
    document.querySelectorAll("textarea[data-limit], input[data-limit]").forEach(function (area) {
        var counter = document.getElementById(area.id + "-count");
        var limit = parseInt(area.getAttribute("data-limit"), 10);
        if (!counter || !limit) return;
        function update() {
            var n = length(area.value);
            var over = n > limit;
            counter.textContent = number.format(n) + " of " + number.format(limit) + " characters"
                + (over ? ": " + number.format(n - limit) + " too many" : "");
            counter.classList.toggle("over", over);
        }
        area.addEventListener("input", update);
        update();
    });
})();
