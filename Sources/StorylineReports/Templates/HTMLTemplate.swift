/// The HTML report's template (Mustache): one self-contained file (inline style, script and
/// SVG, a Content-Security-Policy that allows nothing else), readable with scripts off and
/// printable to A4. `storyline template html` prints it.
enum HTMLTemplate {
  static let text = #"""
    {{% CONTENT_TYPE: HTML}}
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="{{csp}}">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="generator" content="{{generator}}">
    <meta name="referrer" content="no-referrer">
    <title>{{title}}</title>
    <style>{{{css}}}</style>
    </head>
    <body class="audience-{{audience}}">
    <header>
    <h1>{{title}}</h1>
    <p class="meta"><span class="badge audience">{{audience}} report</span>{{#has_redaction}}<span class="badge">redacted: {{redacted}}</span>{{/has_redaction}}</p>
    <p class="summary">{{summary}}</p>
    {{#no_zone}}
    <p class="summary">No time zone was given: local times were read as UTC.</p>
    {{/no_zone}}
    <p class="kinds">{{kinds}}</p>
    </header>
    <main>
    {{#has_narrative}}
    <section id="narrative">
    {{#has_narrative_summary}}
    <h2>Summary</h2>
    {{{narrative_summary_html}}}
    {{/has_narrative_summary}}
    {{#has_impact}}
    <h2>Impact</h2>
    {{#has_impact_affected}}
    <p><b>Affected:</b> {{impact_affected}}</p>
    {{/has_impact_affected}}
    {{#has_impact_duration}}
    <p><b>How long:</b> {{impact_duration}}</p>
    {{/has_impact_duration}}
    {{#has_impact_description}}
    {{{impact_description_html}}}
    {{/has_impact_description}}
    {{/has_impact}}
    {{#has_root_cause}}
    <h2>Root cause</h2>
    {{{root_cause_html}}}
    {{/has_root_cause}}
    {{#has_actions}}
    <h2>Actions</h2>
    <table id="actions">
    <thead><tr><th>Action</th><th>Owner</th><th>Due</th><th>Status</th></tr></thead>
    <tbody>
    {{#actions}}
    <tr class="action {{status_id}}"><td>{{action}}</td><td>{{owner}}</td><td>{{due}}</td><td class="status">{{status}}</td></tr>
    {{/actions}}
    </tbody>
    </table>
    {{/has_actions}}
    {{#sections}}
    <h2>{{title}}</h2>
    {{{body_html}}}
    {{/sections}}
    </section>
    {{/has_narrative}}
    {{#has_escalation}}
    <section id="findings">
    <h2>Findings</h2>
    <ul class="findings">
    {{#findings}}
    <li class="finding level-{{level}}"><span class="badge">{{label}}</span>{{text}}{{#has_citations}}<span class="cite">{{citations}}</span>{{/has_citations}}</li>
    {{/findings}}
    </ul>
    <h2>Milestones</h2>
    <table id="milestones">
    <thead><tr><th>Milestone</th><th>Time</th><th>How it was found</th><th class="evidence">Evidence</th></tr></thead>
    <tbody>
    {{#milestones}}
    <tr><td>{{name}}</td><td>{{time}}</td><td>{{reason}}</td><td class="evidence">{{evidence}}</td></tr>
    {{/milestones}}
    </tbody>
    </table>
    <div class="metrics">
    {{#metrics}}
    <div><b>{{name}}</b>{{value}}</div>
    {{/metrics}}
    </div>
    </section>
    {{/has_escalation}}
    <section id="chart">
    <h2>Timeline ({{zone_label}})</h2>
    <p class="legend">● call · ■ SMS/message · ◆ chat · ▲ e-mail · ✚ in person · ▮ note · | log record; hollow: an attempt that did not get through. Arrows: communications. Green band: the person knew. Red shading: the incident. Dashed lines: escalation deadlines (red when missed). Hatched: silences. Bars: condensed log bursts.</p>
    <div class="chart">
    {{{svg}}}
    </div>
    <div class="controls js-only"><button type="button" id="zoom-reset">Reset zoom</button><span class="legend">Drag across the chart to zoom; point at a mark to see its event, click it to find it in the table.</span></div>
    <div id="detail" class="js-only" aria-live="polite"></div>
    </section>
    {{#has_steps}}
    <section id="escalation">
    <h2>Escalation</h2>
    <table id="steps">
    <thead><tr><th>Step</th><th>Notify</th><th>Deadline</th><th>Reached</th><th>By</th><th>Status</th><th>Evidence</th></tr></thead>
    <tbody>
    {{#steps}}
    <tr class="step {{status_class}}{{#missed}} missed{{/missed}}"><td>{{number}}</td><td>{{notify}} ({{require}}, {{within}})</td><td>{{deadline}}</td><td>{{reached}}</td><td>{{by}}</td><td class="status">{{status}}</td><td class="evidence">{{evidence}}</td></tr>
    {{/steps}}
    </tbody>
    </table>
    {{#has_paging_policy}}
    <p>Beside it, {{paging_policy_title}} (rules looped {{paging_policy_loops}} times):</p>
    <table id="paging-policy">
    <thead><tr><th>Rule</th><th>Notify</th><th>Deadline</th><th>Reached</th><th>By</th><th>Status</th><th>Evidence</th></tr></thead>
    <tbody>
    {{#paging_policy_steps}}
    <tr class="step {{status_class}}{{#missed}} missed{{/missed}}"><td>{{number}}</td><td>{{notify}} ({{require}}, {{within}})</td><td>{{deadline}}</td><td>{{reached}}</td><td>{{by}}</td><td class="status">{{status}}</td><td class="evidence">{{evidence}}</td></tr>
    {{/paging_policy_steps}}
    </tbody>
    </table>
    {{/has_paging_policy}}
    <h2>Who knew when</h2>
    <table id="knowledge">
    <thead><tr><th>Person</th><th>Knew at</th><th>From</th><th>Via</th><th>After the start</th><th>Evidence</th></tr></thead>
    <tbody>
    {{#knowledge}}
    <tr{{#never}} class="missed"{{/never}}><td>{{person}}</td><td class="status">{{knew_at}}</td><td>{{from}}</td><td>{{via}}</td><td>{{after}}</td><td class="evidence">{{evidence}}</td></tr>
    {{/knowledge}}
    </tbody>
    </table>
    {{#has_silences}}
    <h2>Silences</h2>
    <table id="silences">
    <thead><tr><th>From</th><th>To</th><th>Length</th><th>Who knew</th></tr></thead>
    <tbody>
    {{#silences}}
    <tr><td>{{from}}</td><td>{{to}}</td><td>{{length}}</td><td>{{knew}}</td></tr>
    {{/silences}}
    </tbody>
    </table>
    {{/has_silences}}
    {{#has_attempts}}
    <h2>Failed attempts</h2>
    <table id="attempts">
    <thead><tr><th>Time</th><th>From</th><th>To</th><th>Kind</th><th>Outcome</th><th>Evidence</th></tr></thead>
    <tbody>
    {{#attempts}}
    <tr><td>{{time}}</td><td>{{from}}</td><td>{{to}}</td><td>{{kind}}</td><td>{{outcome}}</td><td class="evidence">{{evidence}}</td></tr>
    {{/attempts}}
    </tbody>
    </table>
    {{/has_attempts}}
    {{#has_paging}}
    <h2>Paging</h2>
    <p>Time to acknowledge: {{paging_tta}}.</p>
    <table id="paging">
    <thead><tr><th>Person</th><th>Paged by</th><th>Pages</th><th>Channels</th><th>First page</th><th>Acknowledged</th><th>Time to acknowledge</th><th>Evidence</th></tr></thead>
    <tbody>
    {{#paging_people}}
    <tr><td>{{person}}</td><td>{{services}}</td><td>{{pages}}</td><td>{{channels}}</td><td>{{first}}</td><td>{{acknowledged}}</td><td>{{tta}}</td><td class="evidence">{{evidence}}</td></tr>
    {{/paging_people}}
    </tbody>
    </table>
    {{#has_paging_escalations}}
    <table id="paging-escalations">
    <thead><tr><th>Time</th><th>Escalation</th><th>By</th><th>Evidence</th></tr></thead>
    <tbody>
    {{#paging_escalations}}
    <tr><td>{{time}}</td><td class="text">{{text}}</td><td>{{by}}</td><td class="evidence">{{evidence}}</td></tr>
    {{/paging_escalations}}
    </tbody>
    </table>
    {{/has_paging_escalations}}
    {{/has_paging}}
    </section>
    {{/has_steps}}
    {{#is_owner}}
    <p class="print-only">The timeline of every communication and signal, and the sources it rests on, are in the HTML report this document prints (its SHA-256 is in the footer).</p>
    {{/is_owner}}
    <section id="events">
    <h2>Events{{#is_owner}} (condensed){{/is_owner}}</h2>
    {{#has_omitted}}
    <p class="omitted">{{omitted}}</p>
    {{/has_omitted}}
    <div class="controls js-only">
    <label>Kind <select id="f-kind"><option value="">all</option>{{#filter_kinds}}<option value="{{value}}">{{label}}</option>{{/filter_kinds}}</select></label>
    <label>Person <select id="f-person"><option value="">all</option>{{#filter_people}}<option value="{{value}}">{{value}}</option>{{/filter_people}}</select></label>
    <label>Source <select id="f-source"><option value="">all</option>{{#filter_sources}}<option value="{{value}}">{{value}}. {{label}}</option>{{/filter_sources}}</select></label>
    <label>Search <input id="f-search" type="search"></label>
    <span id="f-count"></span>
    </div>
    <table id="event-table">
    <thead><tr><th>Time</th><th>Kind</th><th>From</th><th>To</th><th>What</th><th>Evidence</th>{{#is_archive}}<th>Original time</th><th>Corrections</th>{{/is_archive}}</tr></thead>
    <tbody>
    {{#rows}}
    <tr id="{{id}}" class="ev{{#is_burst}} burst{{/is_burst}}{{#member}} member{{/member}}{{#attempt}} attempt{{/attempt}}" data-kind="{{kind_id}}" data-people="{{people}}" data-source="{{source}}" data-burst="{{burst}}"><td>{{time}}</td><td class="kind">{{kind}}</td><td>{{from}}</td><td>{{to}}</td><td class="text">{{text}}</td><td class="evidence">{{evidence}}</td>{{#is_archive}}<td class="mono">{{original_time}}</td><td>{{corrections}}</td>{{/is_archive}}</tr>
    {{/rows}}
    </tbody>
    </table>
    </section>
    <section id="sources">
    <h2>Sources</h2>
    <table id="source-table">
    <thead><tr><th>#</th><th>Source</th><th>Format</th><th>Owner</th><th>Zone</th><th>Records</th><th>Events</th><th>Merged</th><th>Rejected</th><th>SHA-256</th></tr></thead>
    <tbody>
    {{#sources}}
    <tr><td>{{number}}</td><td class="evidence">{{path}}</td><td>{{format}}</td><td>{{owner}}</td><td>{{zone}}</td><td>{{records}}</td><td>{{events}}</td><td>{{merged}}</td><td>{{rejected}}</td><td class="mono">{{#is_archive}}{{sha256}}{{/is_archive}}{{^is_archive}}{{sha_short}}{{/is_archive}}</td></tr>
    {{/sources}}
    </tbody>
    </table>
    {{#not_owner}}
    {{#has_clocks}}
    <h2>Clocks</h2>
    <p>Each source's clock as the evidence shows it (clock: {{clock_mode}}): the offset added to its times to put them on the anchor's clock, from the communications two sources recorded, pages and the calls or SMS they placed, and messages quoting a log record or alert.</p>
    <table id="clock-table">
    <thead><tr><th>Source</th><th>Estimate</th><th>Uncertainty</th><th>Pairs agreeing</th><th>Measured against</th><th>Confidence</th><th>Status</th><th>Why</th></tr></thead>
    <tbody>
    {{#clocks}}
    <tr><td class="evidence">{{path}}</td><td class="mono">{{estimate}}</td><td class="mono">{{uncertainty}}</td><td>{{pairs}}</td><td class="evidence">{{via}}</td><td>{{confidence}}</td><td>{{status}}</td><td>{{reason}}</td></tr>
    {{/clocks}}
    </tbody>
    </table>
    {{#is_archive}}
    <table id="clock-pairs">
    <thead><tr><th>Pair</th><th>Difference</th><th>Bound</th><th>Record</th><th>Against</th><th>What</th></tr></thead>
    <tbody>
    {{#clock_pairs}}
    <tr><td>{{kind}}</td><td class="mono">{{difference}}</td><td>{{bound}}</td><td class="evidence">{{source_record}}</td><td class="evidence">{{reference_record}}</td><td class="text">{{detail}}</td></tr>
    {{/clock_pairs}}
    </tbody>
    </table>
    {{/is_archive}}
    {{/has_clocks}}
    {{#has_rejections}}
    <h2>Rejected records</h2>
    <table id="rejections">
    <thead><tr><th>Evidence</th><th>Reason</th><th>Text</th></tr></thead>
    <tbody>
    {{#rejections}}
    <tr><td class="evidence">{{evidence}}</td><td>{{reason}}</td><td class="text">{{text}}</td></tr>
    {{/rejections}}
    </tbody>
    </table>
    {{/has_rejections}}
    {{#has_warnings}}
    <h2>Warnings</h2>
    <ul class="warnings">
    {{#warnings}}
    <li>{{text}}</li>
    {{/warnings}}
    </ul>
    {{/has_warnings}}
    {{/not_owner}}
    </section>
    </main>
    <footer>Generated by {{generator}}. Every event cites its evidence (file:line); times are in {{zone_label}}.</footer>
    <script>{{{js}}}</script>
    </body>
    </html>
    """#
}
