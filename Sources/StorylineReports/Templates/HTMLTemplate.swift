/// The HTML report's template (Mustache): one self-contained file (inline style, script and
/// SVG, a Content-Security-Policy that allows nothing else), readable with scripts off and
/// printable to A4. `storyline template html` prints it.
enum HTMLTemplate {
  static let text = #"""
    {{% CONTENT_TYPE: HTML}}
    <!DOCTYPE html>
    <html lang="{{lang}}">
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
    <p class="meta"><span class="badge audience">{{audience_label}}</span>{{#has_redaction}}<span class="badge">{{{t.redacted_badge}}}{{redacted}}</span>{{/has_redaction}}</p>
    <p class="summary">{{summary}}</p>
    {{#no_zone}}
    <p class="summary">{{{t.no_time_zone_was_given_local_times_were_read_as}}}</p>
    {{/no_zone}}
    <p class="kinds">{{kinds}}</p>
    </header>
    <main>
    {{#has_narrative}}
    <section id="narrative">
    {{#has_narrative_summary}}
    <h2>{{{t.summary}}}</h2>
    {{{narrative_summary_html}}}
    {{/has_narrative_summary}}
    {{#has_impact}}
    <h2>{{{t.impact}}}</h2>
    {{#has_impact_affected}}
    <p><b>{{{t.affected}}}</b> {{impact_affected}}</p>
    {{/has_impact_affected}}
    {{#has_impact_duration}}
    <p><b>{{{t.how_long}}}</b> {{impact_duration}}</p>
    {{/has_impact_duration}}
    {{#has_impact_description}}
    {{{impact_description_html}}}
    {{/has_impact_description}}
    {{/has_impact}}
    {{#has_root_cause}}
    <h2>{{{t.root_cause}}}</h2>
    {{{root_cause_html}}}
    {{/has_root_cause}}
    {{#has_actions}}
    <h2>{{{t.actions}}}</h2>
    <table id="actions">
    <thead><tr><th>{{{t.action}}}</th><th>{{{t.owner}}}</th><th>{{{t.due}}}</th><th>{{{t.status}}}</th></tr></thead>
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
    <h2>{{{t.findings}}}</h2>
    <ul class="findings">
    {{#findings}}
    <li class="finding level-{{level}}"><span class="badge">{{label}}</span>{{text}}{{#has_citations}}<span class="cite">{{citations}}</span>{{/has_citations}}</li>
    {{/findings}}
    </ul>
    <h2>{{{t.milestones}}}</h2>
    <table id="milestones">
    <thead><tr><th>{{{t.milestone}}}</th><th>{{{t.time}}}</th><th>{{{t.how_it_was_found}}}</th><th class="evidence">{{{t.evidence}}}</th></tr></thead>
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
    <h2>{{{t.timeline}}} ({{zone_label}})</h2>
    <p class="legend">{{{t.call_sms_message_chat_e_mail_in_person_note_log}}}</p>
    <div class="chart">
    {{{svg}}}
    </div>
    <div class="controls js-only"><button type="button" id="zoom-reset">{{{t.reset_zoom}}}</button><span class="legend">{{{t.drag_across_the_chart_to_zoom_point_at_a_mark_to}}}</span></div>
    <div id="detail" class="js-only" aria-live="polite"></div>
    </section>
    {{#has_steps}}
    <section id="escalation">
    <h2>{{{t.escalation}}}</h2>
    <table id="steps">
    <thead><tr><th>{{{t.step}}}</th><th>{{{t.notify}}}</th><th>{{{t.deadline}}}</th><th>{{{t.reached}}}</th><th>{{{t.by}}}</th><th>{{{t.status}}}</th><th>{{{t.evidence}}}</th></tr></thead>
    <tbody>
    {{#steps}}
    <tr class="step {{status_class}}{{#missed}} missed{{/missed}}"><td>{{number}}</td><td>{{notify}} ({{require}}, {{within}})</td><td>{{deadline}}</td><td>{{reached}}</td><td>{{by}}</td><td class="status">{{status}}</td><td class="evidence">{{evidence}}</td></tr>
    {{/steps}}
    </tbody>
    </table>
    {{#has_paging_policy}}
    <p>{{{t.beside_before}}}{{paging_policy_title}}{{{t.beside_middle}}}{{paging_policy_loops}}{{{t.beside_after}}}</p>
    <table id="paging-policy">
    <thead><tr><th>{{{t.rule}}}</th><th>{{{t.notify}}}</th><th>{{{t.deadline}}}</th><th>{{{t.reached}}}</th><th>{{{t.by}}}</th><th>{{{t.status}}}</th><th>{{{t.evidence}}}</th></tr></thead>
    <tbody>
    {{#paging_policy_steps}}
    <tr class="step {{status_class}}{{#missed}} missed{{/missed}}"><td>{{number}}</td><td>{{notify}} ({{require}}, {{within}})</td><td>{{deadline}}</td><td>{{reached}}</td><td>{{by}}</td><td class="status">{{status}}</td><td class="evidence">{{evidence}}</td></tr>
    {{/paging_policy_steps}}
    </tbody>
    </table>
    {{/has_paging_policy}}
    <h2>{{{t.who_knew_when}}}</h2>
    <table id="knowledge">
    <thead><tr><th>{{{t.person}}}</th><th>{{{t.knew_at}}}</th><th>{{{t.from}}}</th><th>{{{t.via}}}</th><th>{{{t.after_the_start}}}</th><th>{{{t.evidence}}}</th></tr></thead>
    <tbody>
    {{#knowledge}}
    <tr{{#never}} class="missed"{{/never}}><td>{{person}}</td><td class="status">{{knew_at}}</td><td>{{from}}</td><td>{{via}}</td><td>{{after}}</td><td class="evidence">{{evidence}}</td></tr>
    {{/knowledge}}
    </tbody>
    </table>
    {{#has_silences}}
    <h2>{{{t.silences}}}</h2>
    <table id="silences">
    <thead><tr><th>{{{t.from}}}</th><th>{{{t.to}}}</th><th>{{{t.length}}}</th><th>{{{t.who_knew}}}</th></tr></thead>
    <tbody>
    {{#silences}}
    <tr><td>{{from}}</td><td>{{to}}</td><td>{{length}}</td><td>{{knew}}</td></tr>
    {{/silences}}
    </tbody>
    </table>
    {{/has_silences}}
    {{#has_attempts}}
    <h2>{{{t.failed_attempts}}}</h2>
    <table id="attempts">
    <thead><tr><th>{{{t.time}}}</th><th>{{{t.from}}}</th><th>{{{t.to}}}</th><th>{{{t.kind}}}</th><th>{{{t.outcome}}}</th><th>{{{t.evidence}}}</th></tr></thead>
    <tbody>
    {{#attempts}}
    <tr><td>{{time}}</td><td>{{from}}</td><td>{{to}}</td><td>{{kind}}</td><td>{{outcome}}</td><td class="evidence">{{evidence}}</td></tr>
    {{/attempts}}
    </tbody>
    </table>
    {{/has_attempts}}
    {{#has_paging}}
    <h2>{{{t.paging}}}</h2>
    <p>{{{t.tta_before}}}{{paging_tta}}{{{t.tta_after}}}</p>
    <table id="paging">
    <thead><tr><th>{{{t.person}}}</th><th>{{{t.paged_by}}}</th><th>{{{t.pages}}}</th><th>{{{t.channels}}}</th><th>{{{t.first_page}}}</th><th>{{{t.acknowledged}}}</th><th>{{{t.time_to_acknowledge}}}</th><th>{{{t.evidence}}}</th></tr></thead>
    <tbody>
    {{#paging_people}}
    <tr><td>{{person}}</td><td>{{services}}</td><td>{{pages}}</td><td>{{channels}}</td><td>{{first}}</td><td>{{acknowledged}}</td><td>{{tta}}</td><td class="evidence">{{evidence}}</td></tr>
    {{/paging_people}}
    </tbody>
    </table>
    {{#has_paging_escalations}}
    <table id="paging-escalations">
    <thead><tr><th>{{{t.time}}}</th><th>{{{t.escalation}}}</th><th>{{{t.by}}}</th><th>{{{t.evidence}}}</th></tr></thead>
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
    <p class="print-only">{{{t.the_timeline_of_every_communication_and_signal_a}}}</p>
    {{/is_owner}}
    <section id="events">
    <h2>{{{t.events}}}{{#is_owner}} {{{t.condensed}}}{{/is_owner}}</h2>
    {{#has_omitted}}
    <p class="omitted">{{omitted}}</p>
    {{/has_omitted}}
    <div class="controls js-only">
    <label>{{{t.kind}}} <select id="f-kind"><option value="">{{{t.all}}}</option>{{#filter_kinds}}<option value="{{value}}">{{label}}</option>{{/filter_kinds}}</select></label>
    <label>{{{t.person}}} <select id="f-person"><option value="">{{{t.all}}}</option>{{#filter_people}}<option value="{{value}}">{{value}}</option>{{/filter_people}}</select></label>
    <label>{{{t.source}}} <select id="f-source"><option value="">{{{t.all}}}</option>{{#filter_sources}}<option value="{{value}}">{{value}}. {{label}}</option>{{/filter_sources}}</select></label>
    <label>{{{t.search}}} <input id="f-search" type="search"></label>
    <span id="f-count" data-matching="{{{t.n_matching}}}" data-rows="{{{t.n_rows}}}"></span>
    </div>
    <table id="event-table">
    <thead><tr><th>{{{t.time}}}</th><th>{{{t.kind}}}</th><th>{{{t.from}}}</th><th>{{{t.to}}}</th><th>{{{t.what}}}</th><th>{{{t.evidence}}}</th>{{#is_archive}}<th>{{{t.original_time}}}</th><th>{{{t.corrections}}}</th>{{/is_archive}}</tr></thead>
    <tbody>
    {{#rows}}
    <tr id="{{id}}" class="ev{{#is_burst}} burst{{/is_burst}}{{#member}} member{{/member}}{{#attempt}} attempt{{/attempt}}" data-kind="{{kind_id}}" data-people="{{people}}" data-source="{{source}}" data-burst="{{burst}}"><td>{{time}}</td><td class="kind">{{kind}}</td><td>{{from}}</td><td>{{to}}</td><td class="text">{{text}}</td><td class="evidence">{{evidence}}</td>{{#is_archive}}<td class="mono">{{original_time}}</td><td>{{corrections}}</td>{{/is_archive}}</tr>
    {{/rows}}
    </tbody>
    </table>
    </section>
    <section id="sources">
    <h2>{{{t.sources}}}</h2>
    <table id="source-table">
    <thead><tr><th>#</th><th>{{{t.source}}}</th><th>{{{t.format}}}</th><th>{{{t.owner}}}</th><th>{{{t.zone}}}</th><th>{{{t.records}}}</th><th>{{{t.events}}}</th><th>{{{t.merged}}}</th><th>{{{t.rejected}}}</th><th>{{{t.sha_256}}}</th></tr></thead>
    <tbody>
    {{#sources}}
    <tr><td>{{number}}</td><td class="evidence">{{path}}</td><td>{{format}}</td><td>{{owner}}</td><td>{{zone}}</td><td>{{records}}</td><td>{{events}}</td><td>{{merged}}</td><td>{{rejected}}</td><td class="mono">{{#is_archive}}{{sha256}}{{/is_archive}}{{^is_archive}}{{sha_short}}{{/is_archive}}</td></tr>
    {{/sources}}
    </tbody>
    </table>
    {{#not_owner}}
    {{#has_clocks}}
    <h2>{{{t.clocks}}}</h2>
    <p>{{{t.clocks_before}}}{{clock_mode}}{{{t.clocks_after_html}}}</p>
    <table id="clock-table">
    <thead><tr><th>{{{t.source}}}</th><th>{{{t.estimate}}}</th><th>{{{t.uncertainty}}}</th><th>{{{t.pairs_agreeing}}}</th><th>{{{t.measured_against}}}</th><th>{{{t.confidence}}}</th><th>{{{t.status}}}</th><th>{{{t.why}}}</th></tr></thead>
    <tbody>
    {{#clocks}}
    <tr><td class="evidence">{{path}}</td><td class="mono">{{estimate}}</td><td class="mono">{{uncertainty}}</td><td>{{pairs}}</td><td class="evidence">{{via}}</td><td>{{confidence}}</td><td>{{status}}</td><td>{{reason}}</td></tr>
    {{/clocks}}
    </tbody>
    </table>
    {{#is_archive}}
    <table id="clock-pairs">
    <thead><tr><th>{{{t.pair}}}</th><th>{{{t.difference}}}</th><th>{{{t.bound}}}</th><th>{{{t.record}}}</th><th>{{{t.against}}}</th><th>{{{t.what}}}</th></tr></thead>
    <tbody>
    {{#clock_pairs}}
    <tr><td>{{kind}}</td><td class="mono">{{difference}}</td><td>{{bound}}</td><td class="evidence">{{source_record}}</td><td class="evidence">{{reference_record}}</td><td class="text">{{detail}}</td></tr>
    {{/clock_pairs}}
    </tbody>
    </table>
    {{/is_archive}}
    {{/has_clocks}}
    {{#has_rejections}}
    <h2>{{{t.rejected_records}}}</h2>
    <table id="rejections">
    <thead><tr><th>{{{t.evidence}}}</th><th>{{{t.reason}}}</th><th>{{{t.text}}}</th></tr></thead>
    <tbody>
    {{#rejections}}
    <tr><td class="evidence">{{evidence}}</td><td>{{reason}}</td><td class="text">{{text}}</td></tr>
    {{/rejections}}
    </tbody>
    </table>
    {{/has_rejections}}
    {{#has_warnings}}
    <h2>{{{t.warnings}}}</h2>
    <ul class="warnings">
    {{#warnings}}
    <li>{{text}}</li>
    {{/warnings}}
    </ul>
    {{/has_warnings}}
    {{/not_owner}}
    </section>
    </main>
    <footer>{{{t.footer_before}}}{{generator}}{{{t.footer_middle}}}{{zone_label}}{{{t.footer_after}}}</footer>
    <script>{{{js}}}</script>
    </body>
    </html>
    """#
}
