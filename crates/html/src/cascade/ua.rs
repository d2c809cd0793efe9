//! The user-agent stylesheet: the part of Chrome's defaults the rules depend on (what is
//! not rendered, bold and large text, link and form-control colours, the focus ring).
//! Colours are Chrome's light-scheme values: LinkText #0000ee, ButtonFace #efefef,
//! Field white, FieldText / ButtonText black, control borders #767676, focus ring #101010.

pub const UA_CSS: &str = r#"
html, body, address, blockquote, center, div, figure, figcaption, footer, form, header, hr,
legend, listing, main, p, plaintext, pre, xmp, article, aside, h1, h2, h3, h4, h5, h6,
hgroup, nav, section, search, dir, dd, dl, dt, menu, ol, ul, fieldset, details, optgroup,
option, frameset, frame { display: block }
li { display: list-item }
summary { display: list-item }
head, script, style, template, title, meta, link, base, noscript, datalist, param, source,
track, area, rp, [hidden], input[type=hidden i], [popover], dialog:not([open]),
audio:not([controls]) { display: none }
details:not([open]) > :not(summary) { display: none }
slot { display: contents }
table { display: table }
caption { display: table-caption }
colgroup { display: table-column-group }
col { display: table-column }
thead { display: table-header-group }
tbody { display: table-row-group }
tfoot { display: table-footer-group }
tr { display: table-row }
td, th { display: table-cell }
th { font-weight: bold }
img, video, canvas, iframe, embed, object, svg { display: inline }
ruby { display: ruby }
rt { display: ruby-text }

h1 { font-size: 2em; font-weight: bold }
h2 { font-size: 1.5em; font-weight: bold }
h3 { font-size: 1.17em; font-weight: bold }
h4 { font-size: 1em; font-weight: bold }
h5 { font-size: 0.83em; font-weight: bold }
h6 { font-size: 0.67em; font-weight: bold }
b, strong { font-weight: bolder }
small, sub, sup { font-size: smaller }
big { font-size: larger }

a:any-link { color: #0000ee; text-decoration: underline; cursor: pointer }
u, ins, abbr[title] { text-decoration: underline }
s, strike, del { text-decoration: line-through }
mark { background-color: yellow; color: black }

input, textarea, select, button { font-size: 13.3333px; font-weight: 400; color: black;
  appearance: auto; display: inline-block }
input, textarea, select { background-color: white }
input { border: 2px inset #767676 }
textarea, select { border: 1px solid #767676 }
button, input[type=button i], input[type=submit i], input[type=reset i],
input[type=color i], input[type=file i]::file-selector-button {
  background-color: #efefef; border: 2px outset #767676 }
input[type=checkbox i], input[type=radio i] { border: none; background-color: transparent }
input[type=range i], input[type=image i] { border: none; background-color: transparent }
fieldset { border: 2px groove #c0c0c0 }
hr { border: 1px inset #808080 }
dialog { position: absolute; background-color: white; color: black }
button:disabled, input:disabled, select:disabled, textarea:disabled, optgroup:disabled,
option:disabled { color: rgba(16, 16, 16, 0.3) }

:focus-visible { outline: auto 1px #101010 }
a:focus-visible { outline-offset: 1px }
"#;
