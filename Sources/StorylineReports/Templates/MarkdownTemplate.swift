/// The Markdown report's template (Mustache). `storyline template markdown` prints it; a team's
/// own layout is given with `--template FILE`. Values are escaped for Markdown table cells by the
/// `MARKDOWN` content type; the README lists every key.
enum MarkdownTemplate {
  static let text = #"""
    {{% CONTENT_TYPE: MARKDOWN}}
    # {{title}}
    {{#has_narrative}}
    {{#has_narrative_summary}}

    ## {{{t.summary}}}

    {{{narrative_summary}}}
    {{/has_narrative_summary}}
    {{#has_impact}}

    ## {{{t.impact}}}
    {{#has_impact_affected}}

    **{{{t.affected}}}** {{impact_affected}}
    {{/has_impact_affected}}
    {{#has_impact_duration}}

    **{{{t.how_long}}}** {{impact_duration}}
    {{/has_impact_duration}}
    {{#has_impact_description}}

    {{{impact_description}}}
    {{/has_impact_description}}
    {{/has_impact}}
    {{#has_root_cause}}

    ## {{{t.root_cause}}}

    {{{root_cause}}}
    {{/has_root_cause}}
    {{#has_actions}}

    ## {{{t.actions}}}

    | {{{t.action}}} | {{{t.owner}}} | {{{t.due}}} | {{{t.status}}} |
    | --- | --- | --- | --- |
    {{#actions}}
    | {{action}} | {{owner}} | {{due}} | {{status}} |
    {{/actions}}
    {{/has_actions}}
    {{#sections}}

    ## {{title}}

    {{{body}}}
    {{/sections}}
    {{/has_narrative}}

    {{summary}}
    {{#no_zone}}

    {{{t.no_time_zone_was_given_local_times_were_read_as}}}
    {{/no_zone}}

    {{kinds}}
    {{#has_redaction}}

    {{{t.redacted_before}}}{{redacted}}{{{t.redacted_after}}}
    {{/has_redaction}}
    {{#has_escalation}}

    ## {{{t.findings}}}

    {{#findings}}
    - **{{label}}** {{text}}{{#has_citations}} — {{citations}}{{/has_citations}}
    {{/findings}}

    ## {{{t.milestones}}}

    | {{{t.milestone}}} | {{{t.time}}} | {{{t.how_it_was_found}}} | {{{t.evidence}}} |
    | --- | --- | --- | --- |
    {{#milestones}}
    | {{name}} | {{time}} | {{reason}} | {{evidence}} |
    {{/milestones}}

    {{metrics_line}}
    {{#has_steps}}

    ## {{{t.escalation}}}

    | {{{t.step}}} | {{{t.notify}}} | {{{t.deadline}}} | {{{t.reached}}} | {{{t.by}}} | {{{t.status}}} | {{{t.evidence}}} |
    | --- | --- | --- | --- | --- | --- | --- |
    {{#steps}}
    | {{number}} | {{notify}} ({{require}}, {{within}}) | {{deadline}} | {{reached}} | {{by}} | {{status}} | {{evidence}} |
    {{/steps}}
    {{#has_paging_policy}}

    {{{t.beside_before}}}{{paging_policy_title}}{{{t.beside_middle}}}{{paging_policy_loops}}{{{t.beside_after}}}

    | {{{t.rule}}} | {{{t.notify}}} | {{{t.deadline}}} | {{{t.reached}}} | {{{t.by}}} | {{{t.status}}} | {{{t.evidence}}} |
    | --- | --- | --- | --- | --- | --- | --- |
    {{#paging_policy_steps}}
    | {{number}} | {{notify}} ({{require}}, {{within}}) | {{deadline}} | {{reached}} | {{by}} | {{status}} | {{evidence}} |
    {{/paging_policy_steps}}
    {{/has_paging_policy}}

    ## {{{t.who_knew_when}}}

    | {{{t.person}}} | {{{t.knew_at}}} | {{{t.from}}} | {{{t.via}}} | {{{t.after_the_start}}} | {{{t.evidence}}} |
    | --- | --- | --- | --- | --- | --- |
    {{#knowledge}}
    | {{person}} | {{knew_at}} | {{from}} | {{via}} | {{after}} | {{evidence}} |
    {{/knowledge}}
    {{/has_steps}}
    {{#has_silences}}

    ## {{{t.silences}}}

    | {{{t.from}}} | {{{t.to}}} | {{{t.length}}} | {{{t.who_knew}}} |
    | --- | --- | --- | --- |
    {{#silences}}
    | {{from}} | {{to}} | {{length}} | {{knew}} |
    {{/silences}}
    {{/has_silences}}
    {{#has_attempts}}

    ## {{{t.failed_attempts}}}

    | {{{t.time}}} | {{{t.from}}} | {{{t.to}}} | {{{t.kind}}} | {{{t.outcome}}} | {{{t.evidence}}} |
    | --- | --- | --- | --- | --- | --- |
    {{#attempts}}
    | {{time}} | {{from}} | {{to}} | {{kind}} | {{outcome}} | {{evidence}} |
    {{/attempts}}
    {{/has_attempts}}
    {{#has_paging}}

    ## {{{t.paging}}}

    {{{t.tta_before}}}{{paging_tta}}{{{t.tta_after}}}

    | {{{t.person}}} | {{{t.paged_by}}} | {{{t.pages}}} | {{{t.channels}}} | {{{t.first_page}}} | {{{t.acknowledged}}} | {{{t.time_to_acknowledge}}} | {{{t.evidence}}} |
    | --- | --- | --- | --- | --- | --- | --- | --- |
    {{#paging_people}}
    | {{person}} | {{services}} | {{pages}} | {{channels}} | {{first}} | {{acknowledged}} | {{tta}} | {{evidence}} |
    {{/paging_people}}
    {{#has_paging_escalations}}

    | {{{t.time}}} | {{{t.escalation}}} | {{{t.by}}} | {{{t.evidence}}} |
    | --- | --- | --- | --- |
    {{#paging_escalations}}
    | {{time}} | {{text}} | {{by}} | {{evidence}} |
    {{/paging_escalations}}
    {{/has_paging_escalations}}
    {{/has_paging}}
    {{/has_escalation}}

    ## {{{t.sources}}}

    | # | {{{t.source}}} | {{{t.format}}} | {{{t.owner}}} | {{{t.zone}}} | {{{t.records}}} | {{{t.events}}} | {{{t.merged}}} | {{{t.rejected}}} | {{{t.sha_256}}} |
    | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
    {{#sources}}
    | {{number}} | {{path}} | {{format}} | {{owner}} | {{zone}} | {{records}} | {{events}} | {{merged}} | {{rejected}} | {{#is_archive}}`{{sha256}}`{{/is_archive}}{{^is_archive}}`{{sha_short}}`{{/is_archive}} |
    {{/sources}}
    {{#not_owner}}
    {{#has_clocks}}

    ## {{{t.clocks}}}

    {{{t.clocks_before}}}{{clock_mode}}{{{t.clocks_after}}}

    | {{{t.source}}} | {{{t.estimate}}} | {{{t.uncertainty}}} | {{{t.pairs_agreeing}}} | {{{t.measured_against}}} | {{{t.confidence}}} | {{{t.status}}} | {{{t.why}}} |
    | --- | --- | --- | --- | --- | --- | --- | --- |
    {{#clocks}}
    | {{path}} | {{estimate}} | {{uncertainty}} | {{pairs}} | {{via}} | {{confidence}} | {{status}} | {{reason}} |
    {{/clocks}}
    {{#is_archive}}

    | {{{t.pair}}} | {{{t.difference}}} | {{{t.bound}}} | {{{t.record}}} | {{{t.against}}} | {{{t.what}}} |
    | --- | --- | --- | --- | --- | --- |
    {{#clock_pairs}}
    | {{kind}} | {{difference}} | {{bound}} | {{source_record}} | {{reference_record}} | {{detail}} |
    {{/clock_pairs}}
    {{/is_archive}}
    {{/has_clocks}}
    {{/not_owner}}

    ## {{{t.timeline}}} ({{zone_label}})
    {{#has_omitted}}

    {{omitted}}
    {{/has_omitted}}
    {{^days}}

    {{{t.no_events}}}
    {{/days}}
    {{#days}}

    ### {{heading}}

    {{#is_archive}}
    | {{{t.time}}} | {{{t.kind}}} | {{{t.from}}} | {{{t.to}}} | {{{t.what}}} | {{{t.evidence}}} | {{{t.original_time}}} | {{{t.corrections}}} |
    | --- | --- | --- | --- | --- | --- | --- | --- |
    {{#entries}}
    | {{time}} | {{kind}} | {{from}} | {{to}} | {{text_short}} | {{evidence}} | {{original_time}} | {{corrections}} |
    {{/entries}}
    {{/is_archive}}
    {{^is_archive}}
    | {{{t.time}}} | {{{t.kind}}} | {{{t.from}}} | {{{t.to}}} | {{{t.what}}} | {{{t.evidence}}} |
    | --- | --- | --- | --- | --- | --- |
    {{#entries}}
    | {{time}} | {{kind}} | {{from}} | {{to}} | {{text_short}} | {{evidence}} |
    {{/entries}}
    {{/is_archive}}
    {{/days}}
    {{#order_uncertain}}

    {{{t.the_order_against_a_neighbouring_event_from_anot}}}
    {{/order_uncertain}}
    {{#not_owner}}
    {{#has_rejections}}

    ## {{{t.rejected_records}}}

    | {{{t.evidence}}} | {{{t.reason}}} | {{{t.text}}} |
    | --- | --- | --- |
    {{#rejections}}
    | {{evidence}} | {{reason}} | {{text_short}} |
    {{/rejections}}
    {{/has_rejections}}
    {{#has_warnings}}

    ## {{{t.warnings}}}

    {{#warnings}}
    - {{text}}
    {{/warnings}}
    {{/has_warnings}}
    {{/not_owner}}
    """#
}
