/// The Markdown report's template (Mustache). `storyline template markdown` prints it; a team's
/// own layout is given with `--template FILE`. Values are escaped for Markdown table cells by the
/// `MARKDOWN` content type; the README lists every key.
enum MarkdownTemplate {
  static let text = #"""
    {{% CONTENT_TYPE: MARKDOWN}}
    # {{title}}
    {{#has_narrative}}
    {{#has_narrative_summary}}

    ## Summary

    {{{narrative_summary}}}
    {{/has_narrative_summary}}
    {{#has_impact}}

    ## Impact
    {{#has_impact_affected}}

    **Affected:** {{impact_affected}}
    {{/has_impact_affected}}
    {{#has_impact_duration}}

    **How long:** {{impact_duration}}
    {{/has_impact_duration}}
    {{#has_impact_description}}

    {{{impact_description}}}
    {{/has_impact_description}}
    {{/has_impact}}
    {{#has_root_cause}}

    ## Root cause

    {{{root_cause}}}
    {{/has_root_cause}}
    {{#has_actions}}

    ## Actions

    | Action | Owner | Due | Status |
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

    No time zone was given: local times were read as UTC.
    {{/no_zone}}

    {{kinds}}
    {{#has_redaction}}

    Redacted for this report: {{redacted}}.
    {{/has_redaction}}
    {{#has_escalation}}

    ## Findings

    {{#findings}}
    - **{{label}}** {{text}}{{#has_citations}} — {{citations}}{{/has_citations}}
    {{/findings}}

    ## Milestones

    | Milestone | Time | How it was found | Evidence |
    | --- | --- | --- | --- |
    {{#milestones}}
    | {{name}} | {{time}} | {{reason}} | {{evidence}} |
    {{/milestones}}

    {{metrics_line}}
    {{#has_steps}}

    ## Escalation

    | Step | Notify | Deadline | Reached | By | Status | Evidence |
    | --- | --- | --- | --- | --- | --- | --- |
    {{#steps}}
    | {{number}} | {{notify}} ({{require}}, {{within}}) | {{deadline}} | {{reached}} | {{by}} | {{status}} | {{evidence}} |
    {{/steps}}
    {{#has_paging_policy}}

    Beside it, {{paging_policy_title}} (rules looped {{paging_policy_loops}} times):

    | Rule | Notify | Deadline | Reached | By | Status | Evidence |
    | --- | --- | --- | --- | --- | --- | --- |
    {{#paging_policy_steps}}
    | {{number}} | {{notify}} ({{require}}, {{within}}) | {{deadline}} | {{reached}} | {{by}} | {{status}} | {{evidence}} |
    {{/paging_policy_steps}}
    {{/has_paging_policy}}

    ## Who knew when

    | Person | Knew at | From | Via | After the start | Evidence |
    | --- | --- | --- | --- | --- | --- |
    {{#knowledge}}
    | {{person}} | {{knew_at}} | {{from}} | {{via}} | {{after}} | {{evidence}} |
    {{/knowledge}}
    {{/has_steps}}
    {{#has_silences}}

    ## Silences

    | From | To | Length | Who knew |
    | --- | --- | --- | --- |
    {{#silences}}
    | {{from}} | {{to}} | {{length}} | {{knew}} |
    {{/silences}}
    {{/has_silences}}
    {{#has_attempts}}

    ## Failed attempts

    | Time | From | To | Kind | Outcome | Evidence |
    | --- | --- | --- | --- | --- | --- |
    {{#attempts}}
    | {{time}} | {{from}} | {{to}} | {{kind}} | {{outcome}} | {{evidence}} |
    {{/attempts}}
    {{/has_attempts}}
    {{#has_paging}}

    ## Paging

    Time to acknowledge: {{paging_tta}}.

    | Person | Paged by | Pages | Channels | First page | Acknowledged | Time to acknowledge | Evidence |
    | --- | --- | --- | --- | --- | --- | --- | --- |
    {{#paging_people}}
    | {{person}} | {{services}} | {{pages}} | {{channels}} | {{first}} | {{acknowledged}} | {{tta}} | {{evidence}} |
    {{/paging_people}}
    {{#has_paging_escalations}}

    | Time | Escalation | By | Evidence |
    | --- | --- | --- | --- |
    {{#paging_escalations}}
    | {{time}} | {{text}} | {{by}} | {{evidence}} |
    {{/paging_escalations}}
    {{/has_paging_escalations}}
    {{/has_paging}}
    {{/has_escalation}}

    ## Sources

    | # | Source | Format | Owner | Zone | Records | Events | Merged | Rejected | SHA-256 |
    | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
    {{#sources}}
    | {{number}} | {{path}} | {{format}} | {{owner}} | {{zone}} | {{records}} | {{events}} | {{merged}} | {{rejected}} | {{#is_archive}}`{{sha256}}`{{/is_archive}}{{^is_archive}}`{{sha_short}}`{{/is_archive}} |
    {{/sources}}
    {{#not_owner}}
    {{#has_clocks}}

    ## Clocks

    Each source's clock as the evidence shows it (clock: {{clock_mode}}): the offset added to its times to put them on the anchor's clock.

    | Source | Estimate | Uncertainty | Pairs agreeing | Measured against | Confidence | Status | Why |
    | --- | --- | --- | --- | --- | --- | --- | --- |
    {{#clocks}}
    | {{path}} | {{estimate}} | {{uncertainty}} | {{pairs}} | {{via}} | {{confidence}} | {{status}} | {{reason}} |
    {{/clocks}}
    {{#is_archive}}

    | Pair | Difference | Bound | Record | Against | What |
    | --- | --- | --- | --- | --- | --- |
    {{#clock_pairs}}
    | {{kind}} | {{difference}} | {{bound}} | {{source_record}} | {{reference_record}} | {{detail}} |
    {{/clock_pairs}}
    {{/is_archive}}
    {{/has_clocks}}
    {{/not_owner}}

    ## Timeline ({{zone_label}})
    {{#has_omitted}}

    {{omitted}}
    {{/has_omitted}}
    {{^days}}

    No events.
    {{/days}}
    {{#days}}

    ### {{heading}}

    {{#is_archive}}
    | Time | Kind | From | To | What | Evidence | Original time | Corrections |
    | --- | --- | --- | --- | --- | --- | --- | --- |
    {{#entries}}
    | {{time}} | {{kind}} | {{from}} | {{to}} | {{text_short}} | {{evidence}} | {{original_time}} | {{corrections}} |
    {{/entries}}
    {{/is_archive}}
    {{^is_archive}}
    | Time | Kind | From | To | What | Evidence |
    | --- | --- | --- | --- | --- | --- |
    {{#entries}}
    | {{time}} | {{kind}} | {{from}} | {{to}} | {{text_short}} | {{evidence}} |
    {{/entries}}
    {{/is_archive}}
    {{/days}}
    {{#order_uncertain}}

    ≈ the order against a neighbouring event from another source is uncertain: their time windows overlap.
    {{/order_uncertain}}
    {{#not_owner}}
    {{#has_rejections}}

    ## Rejected records

    | Evidence | Reason | Text |
    | --- | --- | --- |
    {{#rejections}}
    | {{evidence}} | {{reason}} | {{text_short}} |
    {{/rejections}}
    {{/has_rejections}}
    {{#has_warnings}}

    ## Warnings

    {{#warnings}}
    - {{text}}
    {{/warnings}}
    {{/has_warnings}}
    {{/not_owner}}
    """#
}
