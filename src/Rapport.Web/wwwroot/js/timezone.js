// Progressive enhancement: preselect the device's IANA time zone. The form works without it.
(function () {
    var select = document.querySelector("select[data-detect-timezone]");
    if (!select || select.dataset.userChosen) return;
    try {
        var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        if (zone && select.value === "UTC" && select.querySelector('option[value="' + zone + '"]')) select.value = zone;
    } catch (e) { /* leave the server's default */ }
})();
