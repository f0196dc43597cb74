// Progressive enhancement: preselect the device's IANA time zone. The form works without it.
(function () {
    var select = document.querySelector("select[data-detect-timezone]");
    if (!select) return;
    // Browsers still report some zones by their old names; the list holds the current ones.
    var renamed = {
        "Asia/Calcutta": "Asia/Kolkata", "Europe/Kiev": "Europe/Kyiv", "Asia/Saigon": "Asia/Ho_Chi_Minh",
        "America/Buenos_Aires": "America/Argentina/Buenos_Aires", "Asia/Katmandu": "Asia/Kathmandu",
        "Asia/Rangoon": "Asia/Yangon", "Atlantic/Faeroe": "Atlantic/Faroe", "America/Godthab": "America/Nuuk",
        "Pacific/Truk": "Pacific/Chuuk", "Pacific/Ponape": "Pacific/Pohnpei", "Asia/Dacca": "Asia/Dhaka",
        "America/Indianapolis": "America/Indiana/Indianapolis", "America/Louisville": "America/Kentucky/Louisville"
    };
    try {
        var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        zone = renamed[zone] || zone;
        if (zone && select.value === "UTC" && select.querySelector('option[value="' + zone + '"]')) select.value = zone;
    } catch (e) { /* leave the server's default */ }
})();
