"""The folded texts that searches run on, as SQL expressions over ``khdesk_fold`` (which every
connection of the store registers; see ``khdesk.text.fold``).

FTS5's tokenizer removes most diacritics but never folds đ → d, so khdesk indexes a pre-folded
shadow column instead (``../shared/docs/pitfalls.md`` §4.4). A task is found by its content and by
the names of its lead agency.
"""
AGENCY_SEARCH_TEXT_SQL = """khdesk_fold(
    agencies.name || ' ' || coalesce(agencies.short_name, '') || ' ' ||
    coalesce((SELECT group_concat(alias, ' ') FROM agency_aliases WHERE agency_id = agencies.id), ''))"""

TASK_SEARCH_TEXT_SQL = """khdesk_fold(tasks.content) || ' ' ||
    coalesce((SELECT search_text FROM agencies WHERE agencies.id = tasks.lead_agency_id), '')"""
