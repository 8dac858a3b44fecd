"""The folded texts that searches run on, as SQL expressions over ``khdesk_fold`` (which every
connection of the store registers; see ``khdesk.text.fold``).

FTS5's tokenizer removes most diacritics but never folds đ → d, so khdesk indexes a pre-folded
shadow column instead (``../shared/docs/pitfalls.md`` §4.4). A task is found by its content and by
the names of its lead agencies.
"""
AGENCY_SEARCH_TEXT_SQL = """khdesk_fold(
    agencies.name || ' ' || coalesce(agencies.short_name, '') || ' ' ||
    coalesce((SELECT group_concat(alias, ' ') FROM agency_aliases WHERE agency_id = agencies.id), ''))"""

TASK_SEARCH_TEXT_SQL = """khdesk_fold(tasks.content) || ' ' ||
    coalesce((SELECT group_concat(a.search_text, ' ') FROM task_leads l JOIN agencies a ON a.id = l.agency_id
              WHERE l.task_id = tasks.id), '')"""

# the tasks an agency leads (for refreshing their search text), with the agency id as parameter
TASKS_LED_BY_SQL = "SELECT task_id FROM task_leads WHERE agency_id = ?"
