// The export's inline stylesheet (screen, phone and print) and its one script (ticks remembered in localStorage).

/** Inline CSS: readable on a phone, light and dark, and a print layout for the binder on the shelf. */
export const EXPORT_CSS = `
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fff; --muted: #6b6b70; --line: #d8d8dc; --accent: #5b4bd6;
  --danger: #c62828; --warning: #b26a00; --ok: #2e7d32; --note: #1565c0; --card: #f6f6f8; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e8ea; --bg: #161618; --muted: #9a9aa0; --line: #3a3a3f; --card: #202024; --accent: #9d8cff; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header, main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
header nav ol { padding-left: 1.2rem; }
section { border-top: 2px solid var(--line); padding-top: .5rem; margin-top: 2rem; }
h1 { font-size: 1.6rem; line-height: 1.25; } h2 { font-size: 1.25rem; margin-top: 1.6rem; }
a { color: var(--accent); }
.muted { color: var(--muted); font-size: .9em; }
table { border-collapse: collapse; width: 100%; display: block; overflow-x: auto; font-size: .92em; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
code { font-size: .9em; background: var(--card); padding: 0 .25em; border-radius: 4px; word-break: break-all; }
pre { background: var(--card); padding: .6rem; overflow-x: auto; }
.callout { border-left: 4px solid var(--note); background: var(--card); padding: .4rem .8rem; margin: 1rem 0; border-radius: 4px; }
.callout-title { font-weight: 600; margin: .2rem 0; }
.callout-danger, .callout-failure { border-color: var(--danger); }
.callout-warning, .callout-important, .callout-todo { border-color: var(--warning); }
.callout-success { border-color: var(--ok); }
li.task-item { list-style: none; margin-left: -1.3rem; }
input.task { width: 1.25rem; height: 1.25rem; vertical-align: -0.2rem; margin-right: .4rem; accent-color: var(--accent); }
li.task-item:has(> input.task:checked), li.task-item:has(> p > input.task:checked) { color: var(--muted); text-decoration: line-through; }
button { font: inherit; padding: .4rem .8rem; border-radius: 6px; border: 1px solid var(--line); background: var(--card); color: var(--fg); }
.status-failing td, .status-stale td { color: var(--danger); }
.wikilink { text-decoration: underline dotted; }
@media print {
  :root { --fg: #000; --bg: #fff; --muted: #444; --line: #999; --card: #fff; }
  body { font-size: 11pt; }
  header button { display: none; }
  header nav { break-after: page; }
  section { break-before: page; border: 0; margin: 0; }
  a { color: #000; text-decoration: none; }
  input.task { appearance: none; -webkit-appearance: none; border: 1.5px solid #000; width: 12pt; height: 12pt; border-radius: 2pt; }
  input.task:checked::after { content: "✓"; display: block; text-align: center; line-height: 12pt; }
  .callout { border: 1px solid #000; }
  table { display: table; }
}
`;

/** Inline script: restore and persist each checkbox by its key; nothing leaves the page. */
export const EXPORT_SCRIPT = `
(function () {
  var prefix = 'vigil-export:';
  var store = null;
  try { store = window.localStorage; store.setItem(prefix + 'probe', '1'); store.removeItem(prefix + 'probe'); } catch (e) { store = null; }
  var boxes = document.querySelectorAll('input.task');
  for (var i = 0; i < boxes.length; i++) {
    (function (box) {
      var key = prefix + box.getAttribute('data-key');
      if (store) {
        var saved = store.getItem(key);
        if (saved !== null) box.checked = saved === '1';
      }
      box.addEventListener('change', function () { if (store) store.setItem(key, box.checked ? '1' : '0'); });
    })(boxes[i]);
  }
  var reset = document.getElementById('reset-ticks');
  if (reset) reset.addEventListener('click', function () {
    for (var j = 0; j < boxes.length; j++) { boxes[j].checked = boxes[j].defaultChecked; if (store) store.removeItem(prefix + boxes[j].getAttribute('data-key')); }
  });
})();
`;
