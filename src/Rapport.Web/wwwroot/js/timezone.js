// Progressive enhancement around the device's IANA time zone. Every page works without it (times in UTC, said so).
// 1. A form's zone picker marked data-detect-timezone is preselected with the device's zone.
// 2. A page marked data-device-zone (directory, therapist page) stores the zone in the "rapport-zone" preference cookie,
//    which the server reads for visitors who are not signed in (ViewerZone.DeviceCookie); a page that had to fall back
//    to UTC is shown again once, in the device's zone.
(function () {
    // Browsers still report some zones by their old names; the list holds the current ones.
    var renamed = {
        "Asia/Calcutta": "Asia/Kolkata", "Europe/Kiev": "Europe/Kyiv", "Asia/Saigon": "Asia/Ho_Chi_Minh",
        "America/Buenos_Aires": "America/Argentina/Buenos_Aires", "Asia/Katmandu": "Asia/Kathmandu",
        "Asia/Rangoon": "Asia/Yangon", "Atlantic/Faeroe": "Atlantic/Faroe", "America/Godthab": "America/Nuuk",
        "Pacific/Truk": "Pacific/Chuuk", "Pacific/Ponape": "Pacific/Pohnpei", "Asia/Dacca": "Asia/Dhaka",
        "America/Indianapolis": "America/Indiana/Indianapolis", "America/Louisville": "America/Kentucky/Louisville"
    };
    var zone;
    try {
        zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        zone = renamed[zone] || zone;
    } catch (e) { return; /* leave the server's default */ }
    if (!zone || !/^[A-Za-z0-9_+\-/]+$/.test(zone)) return;

    var select = document.querySelector("select[data-detect-timezone]");
    if (select && select.value === "UTC" && select.querySelector('option[value="' + zone + '"]')) select.value = zone;

    var marker = document.querySelector("[data-device-zone]");
    if (!marker) return;
    var stored = function () {
        var found = document.cookie.split("; ").filter(function (c) { return c.indexOf("rapport-zone=") === 0; })[0];
        return found ? found.substring("rapport-zone=".length) : null;
    };
    if (stored() === zone) return;
    document.cookie = "rapport-zone=" + zone + "; path=/; max-age=31536000; samesite=lax; secure";
    // Reload only when the cookie really was kept (cookies may be blocked) and the page had nothing better than UTC;
    // the next answer carries the device's zone, or UTC again if the server does not know it, so this happens once.
    // A device already in the zone shown (data-shown-zone) has its times right: loading them again changes nothing.
    if (stored() === zone && marker.getAttribute("data-device-zone") === "unknown"
        && marker.getAttribute("data-shown-zone") !== zone) window.location.reload();
})();
