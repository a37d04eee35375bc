/* Host-page helper for the Central Asia minerals atlas embed.
 * Resizes <iframe data-ca-atlas> frames to the height their atlas posts.
 * It only trusts a message that (1) comes from one of those frames' windows,
 * (2) has that frame's origin, and (3) has the shape {type, height}. */
(function () {
  "use strict";
  var TYPE = "ca-atlas:height";
  function frameFor(source) {
    var frames = document.querySelectorAll("iframe[data-ca-atlas]");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === source) return frames[i];
    }
    return null;
  }
  window.addEventListener("message", function (e) {
    var d = e.data;
    if (!d || typeof d !== "object" || d.type !== TYPE) return;
    var h = d.height;
    if (typeof h !== "number" || !isFinite(h) || h < 100 || h > 20000) return;
    var frame = frameFor(e.source);
    if (!frame) return;
    var origin;
    try { origin = new URL(frame.src, location.href).origin; } catch (_) { return; }
    if (e.origin !== origin) return;
    frame.style.height = Math.ceil(h) + "px";
    frame.setAttribute("data-ca-atlas-height", String(Math.ceil(h)));
  });
})();
