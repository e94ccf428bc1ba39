// The published page's stylesheet, in the manner of a GOV.UK HTML publication: an
// organisation's header, a blue title block, contents, plain type; down to 320 px wide without
// sideways scrolling (tables become cards, long hashes wrap); and a print stylesheet.

import { createHash } from 'node:crypto';

/** The path of the script that makes "Print this page" work (CSP: scripts from 'self' only). */
export const PRINT_SCRIPT_PATH = '/published/assets/print.js';

/** That script: shows the print buttons, hidden without it, and prints on a press. */
export const PRINT_SCRIPT = `document.querySelectorAll('[data-print]').forEach(function (button) {
  button.hidden = false;
  button.addEventListener('click', function () { window.print(); });
});
`;

/**
 * The page's one script element. Its integrity hash pins the script to this text: a page
 * published today never runs anything else, whatever is served at that address later.
 */
export const PRINT_SCRIPT_TAG = `<script src="${PRINT_SCRIPT_PATH}" integrity="sha256-${createHash('sha256').update(PRINT_SCRIPT).digest('base64')}" defer=""></script>`;

export const PUBLICATION_STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;font-size:1.1875rem;line-height:1.5;color:#0b0c0c;margin:0;background:#fff}
a{color:#1d70b8;text-underline-offset:.15em}
a:visited{color:#4c2c92}
a:hover{color:#003078}
a:focus-visible{outline:3px solid transparent;color:#0b0c0c;background:#fd0;box-shadow:0 -2px #fd0,0 4px #0b0c0c;text-decoration:none}
.width{max-width:60rem;margin:0 auto;padding:0 1.5rem}
.skip{position:absolute;left:-9999px;top:0;padding:.5rem 1rem;background:#fd0;color:#0b0c0c}
.skip:focus{left:0}
.org{background:#0b0c0c;color:#fff;border-bottom:10px solid #1d70b8}
.org p{margin:0;padding:.9rem 0;font-weight:700;font-size:1.25rem}
.title-block{background:#1d70b8;color:#fff;padding:2rem 0 2.5rem}
.title-block .type{margin:0 0 .5rem;font-size:1.1875rem}
.title-block h1{margin:0 0 1rem;font-size:2.5rem;line-height:1.15;overflow-wrap:anywhere}
.title-block .dates{margin:0}
main{display:block;overflow-wrap:break-word}
.body{padding-top:2rem;padding-bottom:3rem}
main:focus{outline:none}
h2{font-size:1.6rem;line-height:1.2;margin:2.5rem 0 1rem}
h3{font-size:1.375rem;margin:2rem 0 .75rem}
h4{font-size:1.25rem;margin:1.5rem 0 .5rem}
p,ul,ol{margin:0 0 1rem}
pre{white-space:pre-wrap}
.actions{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;margin:0 0 2rem;padding:1rem;background:#f3f2f1}
.actions p{margin:0}
.actions .file{font-weight:700}
.actions .hint{display:block;color:#484949;font-size:1rem;font-weight:400;overflow-wrap:anywhere}
.print{font:inherit;font-size:1rem;min-height:2.5rem;padding:.4rem .9rem;border:2px solid #0b0c0c;background:#fff;color:#0b0c0c;cursor:pointer}
.print:focus-visible{outline:3px solid #fd0;outline-offset:0;box-shadow:inset 0 0 0 2px #0b0c0c}
.contents{margin:0 0 2rem;padding:0 0 1rem;border-bottom:1px solid #b1b4b6}
.contents h2{margin-top:0;font-size:1.25rem}
.contents ol{list-style:none;padding:0}
.contents li{margin:0 0 .5rem;padding-left:1.5rem;position:relative}
.contents li::before{content:"\\2014";position:absolute;left:0}
.meta{color:#484949}
table{border-collapse:collapse;width:100%;table-layout:fixed;margin:1rem 0 1.5rem}
caption{text-align:left;font-weight:700;padding-bottom:.5rem}
th,td{border:1px solid #b1b4b6;padding:.5rem .75rem;vertical-align:top;text-align:left;overflow-wrap:anywhere}
thead th{background:#f3f2f1}
td p:last-child,th p:last-child{margin-bottom:0}
code.hash{font-size:.875rem;overflow-wrap:anywhere;word-break:break-all}
.record-note{padding:1rem;border-left:5px solid #1d70b8;background:#f3f2f1}
.record-note p:last-child{margin-bottom:0}
footer{border-top:1px solid #b1b4b6;padding:1.5rem 0 2rem;color:#484949;font-size:1rem}
@media (max-width:40em){
body{font-size:1rem}
.width{padding:0 1rem}
.title-block h1{font-size:1.75rem}
h2{font-size:1.375rem}
.cards,.cards tbody,.cards tr,.cards td,.cards th[scope=row]{display:block;width:100%}
.cards caption{display:block}
.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
.cards tr{margin:0 0 1rem;border:1px solid #b1b4b6;border-top:5px solid #1d70b8}
.cards td,.cards th[scope=row]{border:0;border-bottom:1px solid #f3f2f1}
.cards [data-label]::before{content:attr(data-label) / "";display:block;font-weight:700;color:#484949;font-size:.875rem}
}
@media print{
body{font-size:11pt;color:#000}
.skip,.actions .print,.org{display:none}
.width{max-width:none;padding:0}
.title-block{background:none;color:#000;padding:0 0 1rem;border-bottom:2pt solid #000}
.title-block h1{font-size:20pt}
a,a:visited{color:#000}
main a[href^="http"]::after{content:" (" attr(href) ")";font-size:90%;overflow-wrap:anywhere}
h2,h3,h4{break-after:avoid}
tr,blockquote,.record-note{break-inside:avoid}
thead th,.actions,.record-note{background:none}
footer{color:#000}
}
`;
